"""Edits that reach beyond one buffer: the `prodlint.applyAutofix` command (workspace/applyEdit to
the client), workspace folders added and removed, a fix that creates `.gitignore` (and the
fallback for a client that cannot create files), and SIG001 settled by a handler typed into
another open file."""

from __future__ import annotations

import pytest
import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

from test_lsp_support import (
    SERVER, apply_text_edits, capabilities, change, codes, edits_for, open_doc, replace_all, start,
    wait_codes, wait_for, wait_has,
)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


# -------------------------------------------------------------------- prodlint.applyAutofix

TWO_URLS = 'const A = "http://localhost:3000";\nconst B = "http://localhost:3001";\nfetch(A + B);\n'


async def test_apply_autofix_command_edits_through_the_client(client: LanguageClient, tmp_path):
    texts: dict[str, str] = {}
    versions: dict[str, int] = {}
    requests: list[T.ApplyWorkspaceEditParams] = []

    @client.feature(T.WORKSPACE_APPLY_EDIT)
    def apply_edit(params: T.ApplyWorkspaceEditParams) -> T.ApplyWorkspaceEditResult:
        """What an editor does: apply the edit to its buffer, tell the server, answer."""
        requests.append(params)
        for uri in texts:
            edits = edits_for(params.edit, uri)
            if edits:
                texts[uri] = apply_text_edits(texts[uri], edits)
                versions[uri] += 1
                replace_all(client, uri, versions[uri], texts[uri])
        return T.ApplyWorkspaceEditResult(applied=True)

    result = await start(client, tmp_path, options={"unsafeFixes": True})
    assert "prodlint.applyAutofix" in result.capabilities.execute_command_provider.commands
    uri = open_doc(client, tmp_path / "api.js", TWO_URLS)
    texts[uri], versions[uri] = TWO_URLS, 1
    await wait_codes(client, uri, ["URL001", "URL001"])

    applied = await client.workspace_execute_command_async(T.ExecuteCommandParams(
        command="prodlint.applyAutofix", arguments=[uri]))

    assert applied is True
    (request,) = requests
    assert request.label == "prodlint: fix all"
    edited = [c for c in request.edit.document_changes if isinstance(c, T.TextDocumentEdit)
              and c.text_document.uri == uri]
    assert edited and edited[0].text_document.version == 1  # versioned against the buffer it saw
    assert "localhost" not in texts[uri] and "process.env." in texts[uri]
    await wait_codes(client, uri, [])


async def test_apply_autofix_for_an_unknown_document_answers_false(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    ghost = (tmp_path / "ghost.js").as_uri()
    assert await client.workspace_execute_command_async(T.ExecuteCommandParams(
        command="prodlint.applyAutofix", arguments=[{"uri": ghost}])) is False


# -------------------------------------------------------------------- workspace folders

SERVER_JS = 'const express = require("express");\nconst app = express();\napp.listen(3000);\n'
PACKAGE_JSON = '{"name": "app", "dependencies": {"express": "^4.19.0"}}\n'


def express_project(folder) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text(PACKAGE_JSON)
    (folder / "server.js").write_text(SERVER_JS)
    return (folder / "server.js").as_uri()


async def test_workspace_folders_added_and_removed(client: LanguageClient, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first_uri = express_project(first)
    second_uri = express_project(second)
    await start(client, first)
    await wait_has(client, first_uri, "SIG001")
    assert second_uri not in client.diagnostics

    folder = T.WorkspaceFolder(second.as_uri(), second.name)
    client.workspace_did_change_workspace_folders(T.DidChangeWorkspaceFoldersParams(
        T.WorkspaceFoldersChangeEvent(added=[folder], removed=[])))
    (diag,) = await wait_has(client, second_uri, "SIG001")
    assert diag.range.start.line == 2

    client.workspace_did_change_workspace_folders(T.DidChangeWorkspaceFoldersParams(
        T.WorkspaceFoldersChangeEvent(added=[], removed=[folder])))
    await wait_codes(client, second_uri, [])
    assert "SIG001" in codes(client, first_uri)  # the other folder is untouched


# -------------------------------------------------------------------- CreateFile

ENV = "STRIPE_SECRET_KEY=sk_live_51Jq8ZbT4nW2vX9kLmP3rQ7sY\nPORT=3000\n"


def env_project(folder) -> str:
    (folder / "package.json").write_text('{"name": "shop-api", "main": "server.js"}\n')
    (folder / ".env").write_text(ENV)
    return (folder / ".env").as_uri()


async def sec003_fix(client: LanguageClient, uri: str) -> list[T.CodeAction]:
    (diag,) = await wait_has(client, uri, "SEC003")
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        T.TextDocumentIdentifier(uri), diag.range, T.CodeActionContext(diagnostics=[diag])))
    fixes = [a for a in actions or () if a.title.endswith("(SEC003)") and not a.title.startswith("Disable")]
    return [await client.code_action_resolve_async(a) if a.edit is None else a for a in fixes]


async def test_sec003_fix_creates_gitignore_when_the_client_can(client: LanguageClient, tmp_path):
    env_uri = env_project(tmp_path)
    await start(client, tmp_path)
    open_doc(client, tmp_path / ".env", ENV, language="dotenv")
    (fix,) = await sec003_fix(client, env_uri)
    assert fix.is_preferred

    gitignore = (tmp_path / ".gitignore").as_uri()
    create, insert = fix.edit.document_changes
    assert isinstance(create, T.CreateFile) and create.uri == gitignore
    assert create.options.ignore_if_exists is True
    assert isinstance(insert, T.TextDocumentEdit) and insert.text_document.uri == gitignore
    assert apply_text_edits("", insert.edits) == ".env*\n!.env.example\n"

    (tmp_path / ".gitignore").write_text(apply_text_edits("", insert.edits))  # as the editor would
    client.workspace_did_change_watched_files(T.DidChangeWatchedFilesParams(
        [T.FileEvent(gitignore, T.FileChangeType.Created)]))
    await wait_has(client, env_uri, "SEC003", present=False)


def no_create_caps(document_changes: bool) -> T.ClientCapabilities:
    caps = capabilities("visual-studio-code")
    caps.workspace.workspace_edit = T.WorkspaceEditClientCapabilities(
        document_changes=document_changes, resource_operations=[])
    return caps


@pytest.mark.parametrize("document_changes", [True, False])
async def test_sec003_fix_is_withheld_from_a_client_that_cannot_create_files(
        client: LanguageClient, tmp_path, document_changes):
    env_uri = env_project(tmp_path)
    await start(client, tmp_path, caps=no_create_caps(document_changes))
    open_doc(client, tmp_path / ".env", ENV, language="dotenv")
    assert await sec003_fix(client, env_uri) == []  # never an action that edits a missing file
    (diag,) = await wait_has(client, env_uri, "SEC003")
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        T.TextDocumentIdentifier(env_uri), diag.range, T.CodeActionContext(diagnostics=[diag])))
    assert "Disable SEC003 for this line" in [a.title for a in actions]


async def test_sec003_fix_edits_an_existing_gitignore_without_creating_it(client: LanguageClient, tmp_path):
    env_uri = env_project(tmp_path)
    (tmp_path / ".gitignore").write_text("node_modules/\n")
    await start(client, tmp_path, caps=no_create_caps(False))
    open_doc(client, tmp_path / ".env", ENV, language="dotenv")
    (fix,) = await sec003_fix(client, env_uri)
    assert fix.edit.document_changes is None
    (edits,) = fix.edit.changes.values()
    assert apply_text_edits("node_modules/\n", edits) == "node_modules/\n.env*\n!.env.example\n"


# -------------------------------------------------------------------- SIG001 across two open files

HANDLER = 'process.on("SIGTERM", () => process.exit(0));\n'


def type_in(client: LanguageClient, uri: str, version: int, line: int, text: str) -> int:
    """Type `text` at the start of `line` one keystroke at a time; returns the last version."""
    for n, ch in enumerate(text):
        version += 1
        change(client, uri, version, (line, n), (line, n), ch)
    return version


@pytest.mark.parametrize("options", [{"lintDelay": 0}, {}, {"lintDelay": 400}],
                         ids=["lintDelay=0", "default", "lintDelay=400"])
async def test_sig001_settled_by_a_handler_typed_in_another_file(client: LanguageClient, tmp_path, options):
    server_uri = express_project(tmp_path)
    await start(client, tmp_path, options=options)
    open_doc(client, tmp_path / "server.js", SERVER_JS)
    (diag,) = await wait_has(client, server_uri, "SIG001")
    assert diag.range.start.line == 2
    uri = open_doc(client, tmp_path / "shutdown.js", "module.exports = {};\n")
    await wait_codes(client, uri, [])

    version = type_in(client, uri, 1, 1, HANDLER)
    await wait_has(client, server_uri, "SIG001", present=False)
    assert codes(client, uri) == []

    version += 1
    change(client, uri, version, (1, 0), (2, 0), "")  # the handler deleted again
    (diag,) = await wait_has(client, server_uri, "SIG001")
    assert diag.range.start.line == 2


class Recorder(dict):
    """`client.diagnostics` that also keeps every publish, in order, as (uri, diagnostics)."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[str, list[T.Diagnostic]]] = []

    def __setitem__(self, uri: str, diagnostics: list[T.Diagnostic]) -> None:
        self.log.append((uri, diagnostics))
        super().__setitem__(uri, diagnostics)


def sig001_lines(diagnostics: list[T.Diagnostic]) -> set[int]:
    return {d.range.start.line for d in diagnostics if d.code == "SIG001"}


@pytest.mark.parametrize("options", [{"lintDelay": 0}, {}], ids=["lintDelay=0", "default"])
async def test_project_finding_moves_with_an_edit_above_it(client: LanguageClient, tmp_path, options):
    """Every publish after an edit places SIG001 in the edited text, before the settle and after
    it; and its quick fix, asked for before the settle, edits the text the client has."""
    recorder = client.diagnostics = Recorder()
    server_uri = express_project(tmp_path)
    await start(client, tmp_path, options=options)
    open_doc(client, tmp_path / "server.js", SERVER_JS)
    await wait_has(client, server_uri, "SIG001")
    recorder.log.clear()
    header = "// the API server, started by `npm start`\n"
    change(client, server_uri, 2, (0, 0), (0, 0), header)
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        T.TextDocumentIdentifier(server_uri), T.Range(T.Position(3, 0), T.Position(3, 5)),
        T.CodeActionContext(diagnostics=[], only=[T.CodeActionKind.QuickFix])))
    (fix,) = [a for a in actions if a.title.endswith("(SIG001)") and not a.title.startswith("Disable")]
    if fix.edit is None:
        fix = await client.code_action_resolve_async(fix)
    fixed = apply_text_edits(header + SERVER_JS, edits_for(fix.edit, server_uri))
    assert fixed.startswith(header + 'const express = require("express");\nconst app = express();\n')
    assert "const server = app.listen(3000);" in fixed
    await wait_for(lambda: len([u for u, _ in recorder.log if u == server_uri]) >= 2)  # edit, settle
    assert [sig001_lines(d) for u, d in recorder.log if u == server_uri] == [{3}] * len(
        [u for u, _ in recorder.log if u == server_uri])
