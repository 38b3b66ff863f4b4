"""The server never dies on user input: unknown documents, out-of-range positions, huge and
binary buffers, params that do not deserialize, a rule that raises, Neovim 0.7's range-less
diagnostics; and it honours shutdown/exit."""

from __future__ import annotations

import pytest
import pytest_lsp
from lsprotocol import types as T
from pygls.exceptions import JsonRpcException
from pytest_lsp import ClientServerConfig, LanguageClient

from test_lsp_support import SERVER, URL_JS, change, open_doc, start, wait_codes, wait_for


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def still_serving(client: LanguageClient, tmp_path) -> None:
    uri = open_doc(client, tmp_path / "alive.js", URL_JS)
    await wait_codes(client, uri, ["URL001"])


async def raw_request(client: LanguageClient, method: str, params: dict) -> object:
    """Send params as plain JSON, past the client's own typing (as a sloppy client would)."""
    import asyncio
    import uuid
    from concurrent.futures import Future

    msg_id = uuid.uuid4().hex
    future: Future = Future()
    client.protocol._request_futures[msg_id] = future
    client.protocol._send_data({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
    return await asyncio.wrap_future(future)


async def test_requests_for_unknown_documents(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    ghost = T.TextDocumentIdentifier((tmp_path / "ghost.js").as_uri())
    assert await client.text_document_hover_async(T.HoverParams(ghost, T.Position(0, 0))) is None
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        ghost, T.Range(T.Position(0, 0), T.Position(0, 1)), T.CodeActionContext(diagnostics=[])))
    assert actions is None
    change(client, ghost.uri, 2, (0, 0), (0, 0), "x")
    await still_serving(client, tmp_path)


async def test_out_of_range_positions_are_clamped(client: LanguageClient, tmp_path):
    await start(client, tmp_path, options={"lintDelay": 0})
    uri = open_doc(client, tmp_path / "app.js", URL_JS)
    await wait_codes(client, uri, ["URL001"])
    far = T.Position(999, 999)
    assert await client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri), far)) is None
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        T.TextDocumentIdentifier(uri), T.Range(T.Position(0, 0), far), T.CodeActionContext(diagnostics=[])))
    assert any(a.title.startswith("Disable URL001") for a in actions)
    change(client, uri, 2, (500, 3), (900, 0), "\nfetch('http://localhost:1234');\n")
    await wait_codes(client, uri, ["URL001", "URL001"])


async def test_huge_minified_and_binary_buffers_are_skipped(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    huge = "var a=" + "[1,2,3,'http://localhost:1'];" * (10 * 1024 * 1024 // 28)
    big_uri = open_doc(client, tmp_path / "bundle.js", huge)
    await wait_codes(client, big_uri, [])
    binary_uri = open_doc(client, tmp_path / "blob.js", "\x00\x01\x02 http://localhost:3000")
    await wait_codes(client, binary_uri, [])
    change(client, binary_uri, 2, (0, 0), (0, 1), "")
    await still_serving(client, tmp_path)
    skips = [m.message for m in client.log_messages if m.message.startswith("not linting")]
    assert any("bundle.js: larger than" in m for m in skips)
    assert any("blob.js: binary content" in m for m in skips)


async def test_undeserializable_params_get_an_invalid_params_error(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    with pytest.raises(JsonRpcException) as raised:
        await raw_request(client, T.TEXT_DOCUMENT_HOVER, {"textDocument": 5, "position": "top"})
    assert raised.value.code == -32602
    await still_serving(client, tmp_path)


async def test_neovim_07_diagnostics_without_range_are_accepted(client: LanguageClient, tmp_path):
    await start(client, tmp_path, editor="neovim@0.7.0")
    uri = open_doc(client, tmp_path / "app.js", URL_JS)
    (diag,) = await wait_codes(client, uri, ["URL001"])
    rng = {"start": {"line": 0, "character": 12}, "end": {"line": 0, "character": 12}}
    raw = {"textDocument": {"uri": uri}, "range": rng,
           "context": {"diagnostics": [{"message": diag.message, "code": "URL001", "source": "prodlint",
                                        "severity": 2}]}}
    actions = await raw_request(client, T.TEXT_DOCUMENT_CODE_ACTION, raw)
    assert any("URL001" in a["title"] for a in actions)


async def test_a_rule_that_raises_is_logged_once_and_skipped(client: LanguageClient, tmp_path):
    await start(client, tmp_path, options={"lintDelay": 0})
    uri = open_doc(client, tmp_path / "crash.js", "// kaboom\n" + URL_JS)
    await wait_codes(client, uri, ["URL001"])
    change(client, uri, 2, (0, 0), (0, 0), "// kaboom again\n")
    await wait_for(lambda: client.diagnostics[uri] and client.diagnostics[uri][0].range.start.line == 2)
    crashes = [m for m in client.log_messages if "TST902" in m.message]
    assert len(crashes) == 1 and crashes[0].type == T.MessageType.Error


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def bare_client(lsp_client: LanguageClient):
    yield


async def test_shutdown_then_exit_ends_the_process_cleanly(bare_client: LanguageClient, tmp_path):
    await start(bare_client, tmp_path)
    open_doc(bare_client, tmp_path / "app.js", URL_JS)
    await bare_client.shutdown_session()  # shutdown, exit, then waits for the process
    assert bare_client._server.returncode == 0
