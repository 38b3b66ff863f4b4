"""The LSP features, each a decorated module-level function on the one `server`.

Lifecycle: `initialize` is answered from settings alone (nothing heavy is imported yet);
`initialized` pulls the configuration, registers file watchers and starts the background index.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import uuid
from typing import Any

from lsprotocol import types as T

from prodlint.lsp.server import ProdlintServer, server

log = logging.getLogger("prodlint.lsp")

WATCHED = ("**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx,py,json}", "**/Dockerfile*", "**/*.dockerfile",
           "**/.gitignore", "**/.env*", "**/Procfile", "**/{docker-compose,compose}*.{yml,yaml}",
           "**/prodlint.toml", "**/.prodlint.toml", "**/pyproject.toml", "**/requirements.txt")
CONFIG_NAMES = ("prodlint.toml", ".prodlint.toml", "pyproject.toml")


# -------------------------------------------------------------------- lifecycle

@server.feature(T.INITIALIZE)
def initialize(ls: ProdlintServer, params: T.InitializeParams) -> None:
    ls.init_options = params.initialization_options
    ls.apply_settings(params.initialization_options)
    encoding = ls.workspace.position_encoding or "utf-16"
    ls.encoding = str(getattr(encoding, "value", encoding))
    caps = params.capabilities
    can_pull = bool(caps.text_document and caps.text_document.diagnostic)
    can_refresh = bool(caps.workspace and caps.workspace.diagnostics and caps.workspace.diagnostics.refresh_support)
    mode = ls.settings.diagnostic_mode
    ls.pull_diagnostics = can_pull and (mode == "pull" or (mode == "auto" and can_refresh))
    folders = [ls.path_of(f.uri) for f in params.workspace_folders or ()]
    if not folders and (params.root_uri or params.root_path):
        folders = [ls.path_of(params.root_uri) if params.root_uri else os.path.abspath(params.root_path or "")]
    ls.index.folders = folders
    # Dynamic registration is asked only of clients that say who they are: a programmatic client
    # that copies an editor's capabilities without implementing the request fails on it.
    ls.register_watchers = params.client_info is not None


@server.feature(T.INITIALIZED)
async def initialized(ls: ProdlintServer, params: T.InitializedParams) -> None:
    before = ls.settings
    await pull_configuration(ls)
    if ls.settings != before and ls.docs:  # documents opened while the configuration was on its way
        ls.clear_config_cache()
        ls.relint_all()
    register_watchers(ls)
    ls.index_task = asyncio.ensure_future(index_folders(ls, list(ls.index.folders)))


@server.feature(T.SHUTDOWN)
def shutdown(ls: ProdlintServer, params: Any) -> None:
    for timers in (ls._timers, ls._settle):
        for handle in timers.values():
            handle.cancel()
        timers.clear()
    if ls.index_task is not None:
        ls.index_task.cancel()


async def pull_configuration(ls: ProdlintServer) -> None:
    """`workspace/configuration` (section "prodlint") on top of the initialization options."""
    ws = ls.client_capabilities.workspace
    if not (ws and ws.configuration):
        return
    try:
        result = await asyncio.wait_for(ls.workspace_configuration_async(
            T.ConfigurationParams(items=[T.ConfigurationItem(section="prodlint")])), timeout=5)
    except Exception as exc:  # a client that does not answer keeps the initialization options
        log.info("workspace/configuration failed: %s", exc)
        return
    if result and isinstance(result[0], dict):
        base, _ = _init_settings(ls)
        ls.apply_settings(result[0], base)


def _init_settings(ls: ProdlintServer) -> tuple[Any, list[str]]:
    from prodlint.lsp.settings import parse

    return parse(ls.init_options)


def register_watchers(ls: ProdlintServer) -> None:
    ws = ls.client_capabilities.workspace
    watched = ws.did_change_watched_files if ws else None
    if not (watched and watched.dynamic_registration and ls.register_watchers):
        return
    options = T.DidChangeWatchedFilesRegistrationOptions(
        watchers=[T.FileSystemWatcher(glob_pattern=g) for g in WATCHED])
    registration = T.Registration(id="prodlint-watch", method=T.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                  register_options=ls.protocol._converter.unstructure(options))

    def done(future: Any) -> None:
        if future.exception() is not None:
            log.info("the client did not register file watchers: %s", future.exception())

    ls.client_register_capability(T.RegistrationParams([registration])).add_done_callback(done)


async def index_folders(ls: ProdlintServer, folders: list[str]) -> None:
    """Scan folders in a worker thread with work-done progress (cancellable), then publish the
    project findings, for files that are not open too."""
    from prodlint.lsp.workspace_index import scan_folder

    if not folders:
        return
    loop = asyncio.get_running_loop()
    cancelled = threading.Event()
    token: str | None = None
    window = ls.client_capabilities.window
    if window and window.work_done_progress:
        token = f"prodlint-index-{uuid.uuid4().hex[:8]}"
        try:
            await asyncio.wait_for(ls.work_done_progress.create_async(token), timeout=5)
            ls.work_done_progress.begin(token, T.WorkDoneProgressBegin(
                title="prodlint", message="indexing the workspace", cancellable=True, percentage=0))
            future = ls.work_done_progress.tokens.get(token)
            if future is not None:
                future.add_done_callback(lambda f: cancelled.set() if f.cancelled() else None)
        except Exception as exc:
            log.info("no work-done progress: %s", exc)
            token = None

    def report(done: int, total: int) -> None:
        if token is None or total == 0:
            return
        value = T.WorkDoneProgressReport(message=f"{done}/{total} files", percentage=int(done * 100 / total))
        loop.call_soon_threadsafe(ls.work_done_progress.report, token, value)

    roots: set[str] = set()
    try:
        for folder in folders:
            scanned = await loop.run_in_executor(None, scan_folder, folder, ls.overrides, cancelled, report)
            if cancelled.is_set():
                break
            roots |= ls.index.merge_scan(scanned)
            ls.index.indexed.add(folder)
        for od in list(ls.docs.values()):  # open buffers win over the disk
            if od.linted_version is not None and not od.needs_settle:
                ls.update_overlay(od)
            roots.add(od.root)
        ls.recompute_roots(roots)
    except asyncio.CancelledError:
        cancelled.set()
        raise
    finally:
        if token is not None:
            ls.work_done_progress.end(token, T.WorkDoneProgressEnd(
                message="cancelled" if cancelled.is_set() else "done"))
    log.info("indexed %d project(s) in %d folder(s)", len(ls.index.projects), len(folders))


# -------------------------------------------------------------------- documents

@server.feature(T.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ProdlintServer, params: T.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    od = ls.open_document(item.uri, item.text, item.version)
    ls.lint(od, full=True)
    ls.publish(item.uri, force=True)
    if ls.index.indexed:
        ls.update_overlay(od)


@server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ProdlintServer, params: T.DidChangeTextDocumentParams) -> None:
    od = ls.docs.get(params.text_document.uri)
    if od is None:
        log.info("didChange for a document that is not open: %s", params.text_document.uri)
        return
    version = params.text_document.version
    if version is not None and od.version is not None and version < od.version:
        log.warning("didChange for %s goes back from version %d to %d: ignored (the client is out of sync)",
                    od.path, od.version, version)
        return
    if od.project is None and ls._index is not None:
        od.project = list(ls.index.project_findings(od.path))  # to move along with the edits
    full_text = False
    for change in params.content_changes:
        try:
            od.apply_change(change, ls.encoding)
        except RecursionError:
            od.needs_full = True
        full_text = full_text or getattr(change, "range", None) is None
    od.version = params.text_document.version
    if full_text:
        ls.recheck(od)
    ls.schedule(od)


@server.feature(T.TEXT_DOCUMENT_DID_SAVE, T.SaveOptions(include_text=False))
def did_save(ls: ProdlintServer, params: T.DidSaveTextDocumentParams) -> None:
    od = ls.docs.get(params.text_document.uri)
    if od is None:
        return
    ls.lint(od, full=True)
    ls.publish(od.uri, force=True)
    ls.update_overlay(od)


@server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ProdlintServer, params: T.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    od = ls.docs.pop(uri, None)
    for timers in (ls._timers, ls._settle):
        if (handle := timers.pop(uri, None)) is not None:
            handle.cancel()
    if od is None:
        return
    if ls._index is not None and ls.index.set_overlay(od.root, od.path, None):
        ls.recompute_roots({od.root})
    remaining = ls.index.project_findings(od.path) if ls._index is not None else []
    if not remaining:  # nothing left to say about a closed file
        ls.published.pop(uri, None)
        ls._wire.pop(uri, None)
        if not ls.pull_diagnostics:
            ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
    else:
        ls.publish(uri, force=True)


# -------------------------------------------------------------------- workspace events

@server.feature(T.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: ProdlintServer, params: T.DidChangeConfigurationParams) -> None:
    base, _ = _init_settings(ls)
    if isinstance(params.settings, dict) and params.settings:
        ls.apply_settings(params.settings, base)
    else:
        ls.settings = base
        await pull_configuration(ls)
    ls.clear_config_cache()
    ls.relint_all()


@server.feature(T.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: ProdlintServer, params: T.DidChangeWatchedFilesParams) -> None:
    from prodlint.engine import project_root_for
    from prodlint.languages import language_for
    from prodlint.lsp.workspace_index import IndexedFile
    from prodlint.project import lint_file

    roots: set[str] = set()
    config_changed = False
    for event in params.changes:
        path = ls.path_of(event.uri)
        name = os.path.basename(path)
        if name in CONFIG_NAMES:
            config_changed = True
        if name == ".gitignore":  # env files' git-ignored status may have flipped
            ls.clear_config_cache()
            for project in ls.index.projects.values():
                for env in [p for p in project.disk if os.path.basename(p).startswith(".env")]:
                    result = lint_file(env, project.root, ls.overrides, with_findings=False)
                    if result.skipped is None:
                        ls.index.set_disk(project.root, env, IndexedFile(result.facts, result.suppressions,
                                                                         result.content_hash))
                roots.add(project.root)
            for od in ls.docs.values():
                if os.path.basename(od.path).startswith(".env"):
                    from prodlint.engine import role_for

                    od.role = role_for(od.path, od.root)
                    od.needs_full = True
        if language_for(path) is None or ls.folder_of(path) is None:
            continue
        if name in ("package.json", "pyproject.toml", "requirements.txt"):
            from prodlint.roles import forget_folder_listings

            forget_folder_listings()  # a new package root may have appeared
        root = ls.index.root_of(path) or project_root_for(path, ls.folder_of(path))
        if event.type == T.FileChangeType.Deleted:
            changed = ls.index.set_disk(root, path, None)
        else:
            result = lint_file(path, root, ls.overrides, with_findings=False)
            entry = None if result.skipped is not None else \
                IndexedFile(result.facts, result.suppressions, result.content_hash)
            changed = ls.index.set_disk(root, path, entry)
        if changed:
            roots.add(root)
    if config_changed:
        ls.clear_config_cache()
        ls.relint_all()
        return
    for od in ls.docs.values():
        if od.needs_full:
            ls.lint(od, full=True)
            ls.publish(od.uri, force=True)
    ls.recompute_roots(roots)


@server.feature(T.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
def did_change_workspace_folders(ls: ProdlintServer, params: T.DidChangeWorkspaceFoldersParams) -> None:
    removed = [ls.path_of(f.uri) for f in params.event.removed]
    added = [ls.path_of(f.uri) for f in params.event.added]
    stale: set[str] = set()
    for folder in removed:
        if folder in ls.index.folders:
            ls.index.folders.remove(folder)
        for root in ls.index.drop_folder(folder):
            stale.add(root)
    for uri in [u for u in ls.published if u not in ls.docs and any(
            ls.path_of(u).startswith(r.rstrip(os.sep) + os.sep) for r in stale)]:
        ls.published.pop(uri, None)
        if not ls.pull_diagnostics:
            ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
    ls.index.folders.extend(f for f in added if f not in ls.index.folders)
    if added:
        asyncio.ensure_future(index_folders(ls, added))
