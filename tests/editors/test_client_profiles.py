"""The server under the capability profiles of the real editors (VS Code, Neovim 0.7 and 0.11,
Emacs/eglot), recorded by pytest-lsp: diagnostic, quick fix, diagnostic cleared.

The server command comes from $PRODLINT_SERVER_CMD (a shell-split string; default this Python's
`-m prodlint serve`). pytest-lsp checks every message against the LSP specification; run by
tests/editors/run-all.sh with `-W error::pytest_lsp.checks.LspSpecificationWarning`.
"""
import os
import shlex
import sys

import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

CMD = shlex.split(os.environ.get("PRODLINT_SERVER_CMD", f"{sys.executable} -m prodlint serve"))
SRC = 'const API = "http://localhost:3000";\nfetch(API);\n'

# Capability profiles bundled with pytest-lsp (recorded from the real editors).
EDITORS = ["visual-studio-code", "neovim@0.7.0", "neovim@0.11.0", "emacs"]

@pytest_lsp.fixture(config=ClientServerConfig(server_command=CMD), params=EDITORS)
async def client(request, lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("ws")
    await lsp_client.initialize_session(T.InitializeParams(
        capabilities=pytest_lsp.client_capabilities(request.param),
        root_uri=root.as_uri(), workspace_folders=[T.WorkspaceFolder(root.as_uri(), "ws")]))
    lsp_client.root = root
    yield
    await lsp_client.shutdown_session()

async def test_diagnostic_and_quickfix(client: LanguageClient):
    path = client.root / "app.js"; path.write_text(SRC)
    uri = path.as_uri()
    client.text_document_did_open(T.DidOpenTextDocumentParams(
        T.TextDocumentItem(uri=uri, language_id="javascript", version=1, text=SRC)))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    diags = client.diagnostics[uri]
    assert [d.code for d in diags] == ["URL001"], diags
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        text_document=T.TextDocumentIdentifier(uri), range=diags[0].range,
        context=T.CodeActionContext(diagnostics=diags, only=[T.CodeActionKind.QuickFix])))
    fix = next(a for a in actions if isinstance(a, T.CodeAction) and a.kind == T.CodeActionKind.QuickFix)
    (edit,) = fix.edit.changes[uri]
    assert edit.new_text == "process.env.API_URL"
    # apply the edit ourselves and send didChange: the diagnostic must go away
    line = SRC.splitlines(True)[edit.range.start.line]
    new = SRC.replace(line, line[:edit.range.start.character] + edit.new_text + line[edit.range.end.character:])
    assert "localhost" not in new
    client.text_document_did_change(T.DidChangeTextDocumentParams(
        T.VersionedTextDocumentIdentifier(uri=uri, version=2), [T.TextDocumentContentChangeWholeDocument(text=new)]))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert len(client.diagnostics[uri]) == 0, client.diagnostics[uri]
