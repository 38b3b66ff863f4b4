"""The language server's state: open documents, the project index, settings, publishing.

Heavy modules (tree-sitter, the engine, the rules) are imported on first use, after `initialize`
has been answered, so an editor gets its capabilities as fast as from a bare pygls server. Work
runs on the event loop (a keystroke costs a region re-lint of a few milliseconds) except the
workspace scan, which runs in a worker thread and reports `$/progress`.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import TYPE_CHECKING, Any

from lsprotocol import types as T
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from prodlint import __version__
from prodlint.lsp.diagnostics import diagnostic_json, disk_index, result_id, to_diagnostic, view_key
from prodlint.lsp.protocol import ProdlintProtocol
from prodlint.lsp.settings import Settings, parse

if TYPE_CHECKING:
    from prodlint.api import Finding
    from prodlint.config import Config
    from prodlint.engine import Engine
    from prodlint.lsp.documents import OpenDocument
    from prodlint.lsp.workspace_index import WorkspaceIndex

log = logging.getLogger("prodlint.lsp")

#: after this much quiet, a document gets a full lint (facts, query-less rules, suppressions)
SETTLE_DELAY = 0.25
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


class ProdlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("prodlint", __version__, protocol_cls=ProdlintProtocol,
                         text_document_sync_kind=T.TextDocumentSyncKind.Incremental)
        self.settings = Settings()
        self.init_options: Any = None
        self.encoding = "utf-16"
        self.pull_diagnostics = False
        self.register_watchers = False
        self.docs: dict[str, OpenDocument] = {}
        self._index: WorkspaceIndex | None = None
        self.published: dict[str, list[T.Diagnostic]] = {}
        self.result_ids: dict[str, str] = {}
        self._wire: dict[str, dict[int, tuple[T.Diagnostic, Any]]] = {}
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._settle: dict[str, asyncio.TimerHandle] = {}
        self._warned: set[str] = set()
        self.index_task: asyncio.Task[None] | None = None
        self.exit_code = 1  # until `exit` follows `shutdown`; a lost client is not a clean exit

    # ---------------------------------------------------------------- transports
    def start_io(self, stdin: Any = None, stdout: Any = None) -> None:
        """Serve on stdio with prodlint's framing (`framing.FrameReader`), which survives a
        malformed message where pygls's reader goes deaf."""
        import sys
        import threading

        from pygls.io_ import StdoutWriter

        from prodlint.lsp.framing import FrameReader, serve_stream, stdin_chunks

        self._stop_event = stop = threading.Event()
        self.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))

        async def main() -> None:
            await serve_stream(FrameReader(stdin_chunks(stdin or sys.stdin.buffer)), self.protocol, stop)

        try:
            asyncio.run(main())
        except BrokenPipeError:
            log.error("the connection to the client is lost; shutting down")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()

    def start_tcp(self, host: str, port: int) -> None:
        """Serve one client at a time on a socket, with the same framing as stdio."""
        import threading

        from prodlint.lsp.framing import FrameReader, serve_stream, stream_chunks

        self._stop_event = stop = threading.Event()

        async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self.protocol.set_writer(writer)  # type: ignore[arg-type]
            await serve_stream(FrameReader(stream_chunks(reader)), self.protocol, stop)
            self.shutdown()

        async def main() -> None:
            self._server = await asyncio.start_server(connection, host, port)
            log.info("serving on %s", ", ".join(str(sock.getsockname()) for sock in self._server.sockets))
            async with self._server:
                await self._server.serve_forever()

        try:
            asyncio.run(main())
        except asyncio.CancelledError:
            pass

    # ---------------------------------------------------------------- lazily built parts
    @property
    def engine(self) -> Engine:
        from prodlint.project import shared_engine

        return shared_engine()

    @property
    def index(self) -> WorkspaceIndex:
        if self._index is None:
            from prodlint.lsp.workspace_index import WorkspaceIndex

            self._index = WorkspaceIndex(self.config_for)
        return self._index

    # ---------------------------------------------------------------- messages to the user
    def report_server_error(self, error: Exception, source: Any) -> None:
        log.error("%s", error)

    def warn_once(self, message: str) -> None:
        """One `window/showMessage` per distinct problem (a bad setting, a bad config file)."""
        if message in self._warned:
            return
        self._warned.add(message)
        log.warning("%s", message)
        self.window_show_message(T.ShowMessageParams(type=T.MessageType.Warning, message=f"prodlint: {message}"))

    # ---------------------------------------------------------------- settings and config
    def apply_settings(self, raw: Any, base: Settings | None = None) -> None:
        settings, errors = parse(raw, base)
        if errors:
            self.warn_once("invalid settings, using the defaults: " + "; ".join(errors))
        self.settings = settings
        logging.getLogger("prodlint").setLevel(_LEVELS.get(settings.log_level, logging.INFO))

    @property
    def overrides(self) -> Any:
        from prodlint.project import Overrides

        s = self.settings
        return Overrides(select=s.select, ignore=s.ignore, severity=s.severity)

    def config_for(self, path: str) -> Config:
        from prodlint.config import Config, ConfigError
        from prodlint.project import Overrides, config_for

        try:
            return config_for(path, self.overrides)
        except ConfigError as exc:
            self.warn_once(str(exc))
        try:
            return config_for(path, Overrides())
        except ConfigError:
            return Config()

    def clear_config_cache(self) -> None:
        from prodlint.project import forget_configs

        forget_configs()
        self._warned.clear()

    # ---------------------------------------------------------------- documents
    def path_of(self, uri: str) -> str:
        return os.path.abspath(to_fs_path(uri) or uri)

    def folder_of(self, path: str) -> str | None:
        best = None
        for folder in self.index.folders:
            if (path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)) and \
                    (best is None or len(folder) > len(best)):
                best = folder
        return best

    def open_document(self, uri: str, text: str, version: int | None) -> OpenDocument:
        from prodlint.engine import project_root_for, role_for
        from prodlint.languages import language_for
        from prodlint.lsp.documents import PLAIN, OpenDocument
        from prodlint.parsing import Document
        from prodlint.walk import Skipped, check_source

        path = self.path_of(uri)
        source = text.encode("utf-8", "surrogatepass")
        language = language_for(path)
        root = project_root_for(path, self.folder_of(path))
        config = self.config_for(path)
        checked = check_source(path, source, config.max_file_size)
        skipped = checked.reason if isinstance(checked, Skipped) else None
        if language is None:
            skipped = "not a file prodlint reads"
        try:
            doc = Document(path, language if skipped is None and language else PLAIN, source)
        except RecursionError:
            doc, skipped = Document(path, PLAIN, source), "nested too deeply to lint"
        if skipped is not None and language is not None:
            log.info("not linting %s: %s", path, skipped)
        od = OpenDocument(uri, path, version, language, doc, root, role_for(path, root), skipped=skipped)
        self.docs[uri] = od
        return od

    def recheck(self, od: OpenDocument) -> None:
        """After a full-text change: a skipped buffer may have become lintable, or the reverse."""
        from prodlint.lsp.documents import PLAIN
        from prodlint.parsing import Document
        from prodlint.walk import Skipped, check_source

        if od.language is None:
            return
        checked = check_source(od.path, od.doc.source, self.config_for(od.path).max_file_size)
        skipped = checked.reason if isinstance(checked, Skipped) else None
        if skipped != od.skipped or (skipped is None and od.doc.language == PLAIN):
            if skipped is not None:
                log.info("not linting %s: %s", od.path, skipped)
            od.skipped = skipped
            od.doc = Document(od.path, od.language if skipped is None else PLAIN, od.doc.source)
            od.needs_full = True

    # ---------------------------------------------------------------- linting and publishing
    def lint(self, od: OpenDocument, *, full: bool = False) -> None:
        if od.doc.language != od.language and od.skipped is None:
            self.recheck(od)
        try:
            od.lint(self.engine, self.config_for(od.path), full=full)
        except RecursionError:
            od.skipped = "nested too deeply to lint"
            od.raw = []

    def diagnostics_for(self, path: str) -> list[T.Diagnostic]:
        """What prodlint says about `path` now: file findings of its buffer + project findings."""
        if not self.settings.enable:
            return []
        from prodlint.lsp.baseline_filter import apply as without_baselined

        od = self.doc_at(path)
        if od is None:
            project = self.index.project_findings(path) if self._index is not None else []
            index = disk_index(path)
            return without_baselined(self, path, [to_diagnostic(f, index, self.encoding) for f in project])
        project = self.project_of(od)
        out = self._file_diagnostics(od) if od.skipped is None else []
        out.extend(to_diagnostic(f, od.doc.index, self.encoding) for f in project)
        return without_baselined(self, path, out)

    def _file_diagnostics(self, od: OpenDocument) -> list[T.Diagnostic]:
        """The buffer's findings, finalized (suppressions, config) and converted; each raw finding
        is converted once and reused until it moves, so a keystroke converts only what it moved."""
        from prodlint.engine import finalize

        config = self.config_for(od.path)
        sups = {od.path: od.suppressions} if od.suppressions is not None else {}
        key = (id(config), id(od.suppressions), self.encoding)
        old = od.view_cache if od.view_key == key else {}
        cache: dict[Any, T.Diagnostic | None] = {}
        out = []
        index = od.doc.index
        if od.view_key != key:
            od.view_keys = {}
        known = od.view_keys
        keys: dict[int, tuple[Finding, Any]] = {}
        for raw in sorted(od.raw, key=lambda f: (f.span.start, f.code)):
            entry = known.get(id(raw))
            vkey = entry[1] if entry is not None and entry[0] is raw else view_key(raw, index, self.encoding)
            keys[id(raw)] = (raw, vkey)
            if vkey in old:
                diagnostic = old[vkey]
            else:
                final = finalize([raw], config, sups)
                diagnostic = to_diagnostic(final[0], index, self.encoding) if final else None
            cache[vkey] = diagnostic
            if diagnostic is not None:
                out.append(diagnostic)
        od.view_cache, od.view_key, od.view_keys = cache, key, keys
        return out

    def project_of(self, od: OpenDocument) -> list[Finding]:
        """The project findings anchored in an open buffer, placed in its current text."""
        if od.project is not None:
            return od.project
        return self.index.project_findings(od.path) if self._index is not None else []

    def doc_at(self, path: str) -> OpenDocument | None:
        for od in self.docs.values():
            if od.path == path:
                return od
        return None

    def publish(self, uri: str, *, force: bool = False) -> None:
        """Push diagnostics for `uri` (always for an edited document, which acknowledges its new
        version; otherwise only when they changed)."""
        path = self.path_of(uri)
        od = self.docs.get(uri)
        if od is not None and od.linted_version != od.version:
            return  # a result for an older version is never published
        diagnostics = self.diagnostics_for(path)
        if self.pull_diagnostics:
            self.published[uri] = diagnostics
            self.result_ids[uri] = result_id(diagnostics, self.protocol._converter)
            return
        changed = force or self.published.get(uri) != diagnostics
        self.published[uri] = diagnostics
        if not changed:
            return
        self._send_diagnostics(uri, diagnostics, od.version if od is not None else None)

    def _send_diagnostics(self, uri: str, diagnostics: list[T.Diagnostic], version: int | None) -> None:
        """publishDiagnostics with each diagnostic's JSON text reused while it is unchanged
        (structuring and encoding hundreds of diagnostics on every keystroke would dominate
        the latency); the message is framed as pygls frames it."""
        import json

        old = self._wire.get(uri, {})
        wire: dict[int, tuple[T.Diagnostic, str]] = {}
        parts = []
        for d in diagnostics:
            hit = old.get(id(d))
            text = hit[1] if hit is not None and hit[0] is d else json.dumps(diagnostic_json(d))
            wire[id(d)] = (d, text)
            parts.append(text)
        self._wire[uri] = wire
        tail = f', "version": {int(version)}' if version is not None else ""
        body = (f'{{"jsonrpc": "2.0", "method": "{T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS}", "params": '
                f'{{"uri": {json.dumps(uri)}, "diagnostics": [{", ".join(parts)}]{tail}}}}}')
        self.protocol.send_raw(body)

    def publish_paths(self, paths: set[str]) -> None:
        from prodlint.lsp.code_actions import uri_of

        if not paths:
            return
        by_path = {od.path: uri for uri, od in self.docs.items()}
        for path in sorted(paths):
            self.publish(by_path.get(path) or uri_of(path))
        if self.pull_diagnostics and self._supports_refresh():
            self.workspace_diagnostic_refresh(None)

    def _supports_refresh(self) -> bool:
        ws = self.client_capabilities.workspace
        return bool(ws and ws.diagnostics and ws.diagnostics.refresh_support)

    def schedule(self, od: OpenDocument) -> None:
        """Debounced lint of an edited document, then a full lint once it is quiet."""
        loop = asyncio.get_running_loop()
        uri = od.uri
        for timers in (self._timers, self._settle):
            if (handle := timers.pop(uri, None)) is not None:
                handle.cancel()
        if self.settings.run == "onType":
            delay = self.settings.lint_delay / 1000
            if delay <= 0:
                self.lint_now(uri)
            else:
                self._timers[uri] = loop.call_later(delay, self.lint_now, uri)
        self._settle[uri] = loop.call_later(max(SETTLE_DELAY, self.settings.lint_delay / 1000 * 2),
                                            self.settle, uri)

    def lint_now(self, uri: str) -> None:
        self._timers.pop(uri, None)
        od = self.docs.get(uri)
        if od is None:
            return  # closed while the timer ran
        self.lint(od)
        self.publish(uri, force=True)

    def settle(self, uri: str) -> None:
        """Full lint of a quiet document: update its facts in the index, and the project findings
        of its root (a SIGTERM handler added here withdraws the finding in server.js at once)."""
        self._settle.pop(uri, None)
        od = self.docs.get(uri)
        if od is None or (self.settings.run == "onSave" and od.linted_version is None):
            return
        if self.settings.run == "onSave":
            return
        self.lint(od, full=True)
        if self.set_overlay(od):
            self.recompute_roots({od.root}, also=uri)
        else:
            self.publish(uri, force=True)

    def update_overlay(self, od: OpenDocument) -> None:
        if self.set_overlay(od):
            self.recompute_roots({od.root})

    def set_overlay(self, od: OpenDocument) -> bool:
        """Give the index a fully linted buffer's facts; whether the project must be re-checked.
        When they changed, the buffer's project findings follow at the next `recompute_roots`."""
        from prodlint.lsp.workspace_index import IndexedFile
        from prodlint.suppress import Suppressions

        if od.skipped is not None or od.language is None:
            changed = self.index.set_overlay(od.root, od.path, None)
        else:
            entry = IndexedFile(od.facts, od.suppressions or Suppressions(), od.content_hash)
            changed = self.index.set_overlay(od.root, od.path, entry)
        if not changed:
            od.project = None  # same facts, same project findings: the index's are in place
        return changed

    def recompute_roots(self, roots: set[str], also: str | None = None) -> None:
        """Re-run the project rules of `roots`, publish the files whose findings changed (and
        `also`, always)."""
        changed: set[str] = set()
        for root in roots:
            try:
                changed |= self.index.recompute(root, self.engine)
            except Exception as exc:  # a project rule that raises must not stop the server
                log.error("project rules failed for %s: %s", root, exc)
        for od in self.docs.values():
            if od.project is None or od.root not in roots:
                continue
            entry = self.index.project(od.root).overlay.get(od.path)
            if entry is not None and entry.facts is od.facts and not od.needs_settle:
                od.project = None  # the rules saw this very text
            elif od.path in changed:  # edited since the rules saw it: withdraw what is gone now
                now = {(f.code, f.message) for f in self.index.project_findings(od.path)}
                od.project = [f for f in od.project if (f.code, f.message) in now]
        if also is not None:
            self.publish(also, force=True)
            changed.discard(self.path_of(also))
        self.publish_paths(changed)

    def relint_all(self) -> None:
        """After a settings or config change: every open document, every project."""
        for od in list(self.docs.values()):
            od.needs_full = True
            self.lint(od, full=True)
            self.publish(od.uri, force=True)
            if self._index is not None:
                self.update_overlay(od)
        if self._index is not None:
            self.recompute_roots(set(self.index.projects))
            stale = set(self.published) - set(self.docs)
            for uri in stale:
                self.publish(uri)


server = ProdlintServer()
