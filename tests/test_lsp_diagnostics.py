"""Open → diagnostics, edits → updated diagnostics, quick fixes, fix-all, hover, encodings."""

from __future__ import annotations

import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

from test_lsp_support import (
    SERVER, URL_JS, apply_text_edits, change, edits_for, open_doc, replace_all, start, wait_codes,
)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def test_open_publishes_url001_with_docs_link_and_fix_data(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = open_doc(client, tmp_path / "app.js", URL_JS)
    (diag,) = await wait_codes(client, uri, ["URL001"])
    assert diag.source == "prodlint"
    assert diag.severity == T.DiagnosticSeverity.Warning
    assert diag.code_description.href.endswith("#url001")
    assert diag.range == T.Range(T.Position(0, 12), T.Position(0, 35))
    assert diag.data["fixes"][0]["edits"][0][3] == "process.env.API_URL"
    assert diag.data["fixes"][0]["edits"][0][:3] == ["", [0, 12], [0, 35]]


async def test_quick_fix_applied_clears_the_diagnostic(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = open_doc(client, tmp_path / "app.js", URL_JS)
    (diag,) = await wait_codes(client, uri, ["URL001"])
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        text_document=T.TextDocumentIdentifier(uri), range=diag.range,
        context=T.CodeActionContext(diagnostics=[diag], only=[T.CodeActionKind.QuickFix])))
    titles = [a.title for a in actions]
    assert "Disable URL001 for this line" in titles
    fix = actions[0]
    assert fix.kind == T.CodeActionKind.QuickFix and fix.edit is not None
    new = apply_text_edits(URL_JS, edits_for(fix.edit, uri))
    assert new.startswith("const API = process.env.API_URL;")
    replace_all(client, uri, 2, new)
    await wait_codes(client, uri, [])


async def test_disable_for_line_silences_the_finding(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    text = "function f() {\n  return fetch(\"http://localhost:3000/x\");\n}\n"
    uri = open_doc(client, tmp_path / "api.js", text)
    (diag,) = await wait_codes(client, uri, ["URL001"])
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        text_document=T.TextDocumentIdentifier(uri), range=diag.range,
        context=T.CodeActionContext(diagnostics=[diag])))
    disable = next(a for a in actions if a.title == "Disable URL001 for this line")
    new = apply_text_edits(text, edits_for(disable.edit, uri))
    assert new.split("\n")[1] == "  // prodlint-ignore URL001"
    replace_all(client, uri, 2, new)
    await wait_codes(client, uri, [])


async def test_incremental_edits_match_a_fresh_open(client: LanguageClient, tmp_path):
    await start(client, tmp_path, options={"lintDelay": 0})
    text = "const a = 1;\n\nfunction g() {\n  return 2;\n}\n"
    uri = open_doc(client, tmp_path / "inc.js", text)
    await wait_codes(client, uri, [])
    change(client, uri, 2, (1, 0), (1, 0), 'const B = "http://localhost:4000";')
    await wait_codes(client, uri, ["URL001"])
    change(client, uri, 3, (3, 9), (3, 10), 'fetch("http://127.0.0.1:5000/api")')
    await wait_codes(client, uri, ["URL001", "URL001"])
    change(client, uri, 4, (1, 10), (1, 34), '"ok"')
    await wait_codes(client, uri, ["URL001"])
    incremental = client.diagnostics[uri]
    final = 'const a = 1;\nconst B = "ok";\nfunction g() {\n  return fetch("http://127.0.0.1:5000/api");\n}\n'
    fresh = open_doc(client, tmp_path / "fresh.js", final)
    await wait_codes(client, fresh, ["URL001"])
    assert [(d.range, d.message) for d in client.diagnostics[fresh]] == \
        [(d.range, d.message) for d in incremental]


async def test_fix_all_applies_every_safe_fix_and_unsafe_ones_on_request(client: LanguageClient, tmp_path):
    await start(client, tmp_path, options={"unsafeFixes": True}, editor="neovim@0.7.0")
    text = 'const A = "http://localhost:3000";\nconst B = "http://localhost:3001";\n'
    uri = open_doc(client, tmp_path / "two.js", text)
    await wait_codes(client, uri, ["URL001", "URL001"])
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        text_document=T.TextDocumentIdentifier(uri), range=T.Range(T.Position(0, 0), T.Position(0, 0)),
        context=T.CodeActionContext(diagnostics=[], only=["source.fixAll.prodlint"])))
    (fix_all,) = actions
    assert fix_all.kind == "source.fixAll.prodlint"
    if fix_all.edit is None:  # the client resolves lazily
        fix_all = await client.code_action_resolve_async(fix_all)
    new = apply_text_edits(text, edits_for(fix_all.edit, uri))
    assert "localhost" not in new


async def test_hover_shows_the_rule_documentation(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = open_doc(client, tmp_path / "app.js", URL_JS)
    await wait_codes(client, uri, ["URL001"])
    hover = await client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri), T.Position(0, 20)))
    assert "## Why is this bad?" in hover.contents.value
    assert hover.contents.kind == T.MarkupKind.Markdown
    nothing = await client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri), T.Position(1, 0)))
    assert nothing is None


EMOJI_JS = 'const face = "😀 中文"; const API = "http://localhost:3000";\n'


async def test_utf16_positions_count_surrogate_pairs(client: LanguageClient, tmp_path):
    caps = pytest_lsp.client_capabilities("visual-studio-code")
    caps.general = T.GeneralClientCapabilities(position_encodings=[T.PositionEncodingKind.Utf16])
    result = await start(client, tmp_path, caps=caps)
    assert result.capabilities.position_encoding == T.PositionEncodingKind.Utf16
    uri = open_doc(client, tmp_path / "e.js", EMOJI_JS)
    (diag,) = await wait_codes(client, uri, ["URL001"])
    start_char = EMOJI_JS.index('"http')
    assert diag.range.start == T.Position(0, start_char + 1)  # 😀 is two UTF-16 units
    # an edit after the emoji, in UTF-16 units, lands where it should
    change(client, uri, 2, (0, diag.range.start.character), (0, diag.range.end.character), "process.env.API_URL")
    await wait_codes(client, uri, [])


async def test_utf8_is_chosen_when_offered_and_positions_are_bytes(client: LanguageClient, tmp_path):
    caps = pytest_lsp.client_capabilities("neovim@0.11.0")
    result = await start(client, tmp_path, caps=caps)
    assert result.capabilities.position_encoding == T.PositionEncodingKind.Utf8
    uri = open_doc(client, tmp_path / "e.js", EMOJI_JS)
    (diag,) = await wait_codes(client, uri, ["URL001"])
    byte_start = EMOJI_JS.encode().index(b'"http')
    assert diag.range.start == T.Position(0, byte_start)
    change(client, uri, 2, (0, diag.range.start.character), (0, diag.range.end.character), "process.env.API_URL")
    await wait_codes(client, uri, [])


async def test_python_crlf_document(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    text = 'import requests\r\n\r\nBASE = "http://localhost:8000"\r\nrequests.get(BASE, timeout=5)\r\n'
    uri = open_doc(client, tmp_path / "client.py", text, language="python")
    (diag,) = await wait_codes(client, uri, ["URL001"])
    assert diag.range == T.Range(T.Position(2, 7), T.Position(2, 30))
