"""The `source.fixAll.prodlint` code action applies the rounds `prodlint check --fix` applies, in
one edit computed on the server, and says why when it has nothing to apply."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

from test_lsp_support import SERVER, URL_JS, apply_text_edits, edits_for, open_doc, start, wait_has

FIX_ALL = "source.fixAll.prodlint"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


# The first round takes the fixes whose edits do not collide (the error middleware, request
# logging, the localhost fallback); dropping JWT_SECRET's fallback and the SIGTERM handler touch
# the same lines and wait for the second, whose startup check brings SEC004 and LOG001 to a
# third, and so on: five rounds in all.
SERVER_JS = '''const express = require("express");

const app = express();
const JWT_SECRET = process.env.JWT_SECRET || "dev-secret-change-me";
const API_URL = process.env.API_URL || "http://localhost:4000";

app.get("/health", (req, res) => res.json({ ok: true }));
app.get("/token", (req, res) => res.json({ secret: JWT_SECRET.length, api: API_URL }));

app.listen(process.env.PORT || 3000);
'''
PACKAGE_JSON = '{"name": "app", "version": "1.0.0", "main": "server.js", "dependencies": {"express": "^4.18.0"}}\n'


def _write_app(root: Path) -> None:
    root.mkdir()
    (root / "package.json").write_text(PACKAGE_JSON)
    (root / "server.js").write_text(SERVER_JS)


def _texts(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*"))
            if p.is_file() and ".prodlint_cache" not in p.parts}


def _apply(edit: T.WorkspaceEdit, root: Path, buffers: dict[str, str]) -> dict[str, str]:
    """What an editor makes of the edit: every file it names, created or changed (open buffers
    are changed in their own text, not the disk's)."""
    texts = {**_texts(root), **buffers}
    uris = {c.uri for c in edit.document_changes or () if isinstance(c, T.CreateFile)}
    uris |= {c.text_document.uri for c in edit.document_changes or () if isinstance(c, T.TextDocumentEdit)}
    for uri in uris:
        name = Path(uri.removeprefix("file://")).relative_to(root).as_posix()
        texts[name] = apply_text_edits(texts.get(name, ""), edits_for(edit, uri))
    return texts


async def _fix_all(client: LanguageClient, uri: str, only: list[str] | None = None) -> list[T.CodeAction]:
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        text_document=T.TextDocumentIdentifier(uri), range=T.Range(T.Position(0, 0), T.Position(0, 0)),
        context=T.CodeActionContext(diagnostics=[], only=only)))
    return [a for a in actions or () if isinstance(a, T.CodeAction) and a.kind == FIX_ALL]


@pytest.mark.parametrize("saved", [SERVER_JS, 'const express = require("express");\n'],
                         ids=["saved", "unsaved-buffer"])
async def test_fix_all_action_equals_check_fix(client: LanguageClient, tmp_path, saved: str):
    app, cli = tmp_path / "app", tmp_path / "cli"
    _write_app(app)
    _write_app(cli)
    (app / "server.js").write_text(saved)  # the rounds work on the buffer's text, not the disk's
    subprocess.run([sys.executable, "-m", "prodlint", "check", "--fix", "--unsafe-fixes", "--no-cache",
                    "--exit-zero", "-q", str(cli)], check=True, capture_output=True)
    expected = _texts(cli)
    assert expected["server.js"] != SERVER_JS and 'process.on("SIGTERM"' in expected["server.js"]

    await start(client, app, options={"unsafeFixes": True})
    uri = open_doc(client, app / "server.js", SERVER_JS)
    await wait_has(client, uri, "SIG001")
    (action,) = await _fix_all(client, uri, [FIX_ALL])
    if action.edit is None:  # the client resolves lazily
        action = await client.code_action_resolve_async(action)
    versions = {c.text_document.uri: c.text_document.version for c in action.edit.document_changes
                if isinstance(c, T.TextDocumentEdit)}
    assert versions[uri] == 1  # versioned: a buffer edited since is not overwritten

    assert _apply(action.edit, app, {"server.js": SERVER_JS}) == expected
    compiled = subprocess.run(["node", "--check", "-"], input=expected["server.js"], text=True,
                              capture_output=True) if shutil.which("node") else None
    assert compiled is None or compiled.returncode == 0, compiled.stderr


async def test_fix_all_with_only_unsafe_fixes_is_disabled_with_a_reason(client: LanguageClient, tmp_path):
    await start(client, tmp_path)  # unsafe fixes off: URL001's fix is unsafe
    uri = open_doc(client, tmp_path / "api.js", URL_JS)
    await wait_has(client, uri, "URL001")

    (action,) = await _fix_all(client, uri, [FIX_ALL])
    assert action.edit is None and action.data is None
    assert action.disabled is not None and "only unsafe fixes" in action.disabled.reason
    assert await _fix_all(client, uri) == []  # the lightbulb does not show it


async def test_fix_all_is_not_offered_to_a_client_without_disabled_actions(client: LanguageClient, tmp_path):
    await start(client, tmp_path, editor="neovim@0.11.0")
    uri = open_doc(client, tmp_path / "api.js", URL_JS)
    await wait_has(client, uri, "URL001")

    assert await _fix_all(client, uri, [FIX_ALL]) == []
