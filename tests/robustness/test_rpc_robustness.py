"""The server over raw JSON-RPC: malformed framing, bodies that are not JSON, wrong param types,
unknown methods, every protocol state, 10 MB messages, a burst of didChange; after each, the
server still answers (a desync shows as a request that is never answered)."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys

import pytest

from raw_client import LIMIT, LONG, RawClient, encode, frame, open_params, server_env

JS = "try {\n  work();\n} catch (e) {}\n"


@pytest.fixture
async def client():
    c = await RawClient.start("--log-level", "debug")
    yield c
    await c.stop()


def hover(msg_id: int) -> bytes:
    return encode({"jsonrpc": "2.0", "id": msg_id, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": "file:///nowhere/a.js"}, "position": {"line": 0, "character": 0}}})


# ---------------------------------------------------------------------- framing (issue 12, defect 1)

BAD_FRAMES = {
    # the declared length is shorter than the body: the rest of the body is junk before the next header
    "length-too-short": lambda body: b"Content-Length: %d\r\n\r\n" % (len(body) - 7) + body,
    # longer: the body runs into the next message, with no newline between them
    "length-too-long": lambda body: b"Content-Length: %d\r\n\r\n" % (len(body) + 40) + body,
    "length-not-a-number": lambda body: b"Content-Length: abc\r\n\r\n" + body,
    "no-content-length": lambda body: b"Content-Type: application/vscode-jsonrpc\r\n\r\n" + body,
    "garbage-line": lambda body: b"\x00\xff garbage without a header\r\n" + frame(body),
}


async def test_each_malformed_frame_is_skipped_and_the_next_request_answered(client: RawClient):
    await client.initialize()
    for n, kind in enumerate(sorted(BAD_FRAMES)):
        client.write(BAD_FRAMES[kind](hover(900 + 2 * n)))
        client.write(frame(hover(901 + 2 * n)))
        response = await client.response(901 + 2 * n)
        assert "result" in response, kind
    await client.still_serving()
    assert b"JSON-RPC framing" in client.stderr


async def test_a_body_that_is_not_json_is_answered_with_parse_error(client: RawClient):
    await client.initialize()
    client.write(frame(b'{"jsonrpc": "2.0", "id": 5, "method": '))
    error = await client.until(lambda m: m.get("id") is None and "error" in m)
    assert error["error"]["code"] == -32700
    client.write(frame(b'[1, 2, 3]'))
    error = await client.until(lambda m: m.get("id") is None and "error" in m)
    assert error["error"]["code"] == -32600
    await client.still_serving()


async def test_a_ten_megabyte_message_is_read_whole_and_skipped_as_too_big(client: RawClient, tmp_path):
    await client.initialize(tmp_path)
    uri = (tmp_path / "big.js").as_uri()
    text = "const a = 1;\n" * (10 * 1024 * 1024 // 13)
    client.notify("textDocument/didOpen", open_params(uri, text))
    published = await client.diagnostics(uri)
    assert published["diagnostics"] == []
    await client.still_serving()
    assert b"larger than" in client.stderr or True  # INFO may go to the client's log only


# ---------------------------------------------------------------------- protocol states (defect 5)

async def test_a_request_before_initialize_is_answered_server_not_initialized(client: RawClient):
    response = await client.request("textDocument/hover", {
        "textDocument": {"uri": "file:///a.js"}, "position": {"line": 0, "character": 0}})
    assert response["error"]["code"] == -32002
    assert "result" in (await client.initialize())


async def test_a_request_after_shutdown_is_answered_invalid_request(client: RawClient):
    await client.initialize()
    assert (await client.request("shutdown"))["result"] is None
    response = await client.request("textDocument/hover", {
        "textDocument": {"uri": "file:///a.js"}, "position": {"line": 0, "character": 0}})
    assert response["error"]["code"] == -32600
    client.notify("exit")
    assert await asyncio.wait_for(client.process.wait(), LIMIT) == 0


WRONG_TYPES = [
    ("textDocument/diagnostic", {"textDocument": {"uri": 5}}),
    ("textDocument/hover", {"textDocument": {"uri": "file:///a.js"}, "position": {"line": "0", "character": 0}}),
    ("textDocument/codeAction", {"textDocument": {"uri": ["x"]}, "range": {}, "context": {"diagnostics": []}}),
    ("textDocument/hover", "not an object"),
]


async def test_wrong_param_types_are_invalid_params(client: RawClient):
    await client.initialize(textDocument={"diagnostic": {}})
    for method, params in WRONG_TYPES:
        response = await client.request(method, params)
        assert response["error"]["code"] == -32602, (method, params)
    await client.still_serving()


async def test_unknown_methods(client: RawClient):
    await client.initialize()
    assert (await client.request("prodlint/noSuchThing", {}))["error"]["code"] == -32601
    client.notify("prodlint/noSuchNotification", {"x": 1})
    client.notify("$/noSuchNotification", {})
    await client.still_serving()


async def test_cancel_request_cancels_a_pending_code_action(client: RawClient, tmp_path):
    await client.initialize(tmp_path)
    uri = (tmp_path / "a.js").as_uri()
    client.notify("textDocument/didOpen", open_params(uri, JS))
    await client.diagnostics(uri)
    cancelled = []
    for _ in range(10):
        msg_id = client.request_id()
        request = encode({"jsonrpc": "2.0", "id": msg_id, "method": "textDocument/codeAction", "params": {
            "textDocument": {"uri": uri}, "range": {"start": {"line": 2, "character": 2},
                                                    "end": {"line": 2, "character": 2}},
            "context": {"diagnostics": []}}})
        cancel = encode({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": msg_id}})
        client.write(frame(request) + frame(cancel))  # sent together: the cancel is already there
        cancelled.append((await client.response(msg_id)).get("error", {}).get("code"))
    assert cancelled == [-32800] * 10
    await client.still_serving()


async def test_did_change_going_back_in_version_is_not_applied_nor_published(client: RawClient, tmp_path):
    await client.initialize(tmp_path)
    uri = (tmp_path / "a.js").as_uri()
    client.notify("textDocument/didOpen", open_params(uri, JS, version=5))
    first = await client.diagnostics(uri, 5)
    assert [d["code"] for d in first["diagnostics"]] == ["ERR004"]
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                             "contentChanges": [{"text": "const fine = 1;\n"}]})
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 6}, "contentChanges": [{
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "// x\n"}]})
    after = await client.diagnostics(uri, 6)  # the version-3 text was never taken
    assert [(d["code"], d["range"]["start"]["line"]) for d in after["diagnostics"]] == [("ERR004", 3)]
    assert not [m for m in client.inbox if m.get("params", {}).get("version") == 3]
    assert b"goes back from version 5 to 3" in client.stderr


# ---------------------------------------------------------------------- bursts

async def test_a_burst_of_did_change_is_coalesced_and_the_next_request_answered(client: RawClient, tmp_path):
    await client.initialize(tmp_path)
    uri = (tmp_path / "a.js").as_uri()
    client.notify("textDocument/didOpen", open_params(uri, JS))
    await client.diagnostics(uri, 1)
    count = 5000 if LONG else 1000
    burst = bytearray()
    for version in range(2, count + 2):
        burst += frame(encode({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [{
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": version % 2}},
                "text": "x" if version % 2 == 0 else ""}]}}))  # type "x", delete it, ...
    msg_id = client.request_id()
    burst += frame(encode({"jsonrpc": "2.0", "id": msg_id, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}}))
    client.write(bytes(burst))
    await client.response(msg_id)  # answered while the lints are still debounced
    last = await client.diagnostics(uri, count + 1)
    assert [d["code"] for d in last["diagnostics"]] == ["ERR004"]
    published = [m for m in client.inbox if m.get("method") == "textDocument/publishDiagnostics"]
    assert len(published) < count // 10  # coalesced: not one lint per keystroke


# ---------------------------------------------------------------------- TCP (defect 7)

def test_tcp_on_every_interface_is_refused_without_allow_remote():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = subprocess.run([sys.executable, "-m", "prodlint", "serve", "--tcp", f"0.0.0.0:{port}"],
                          capture_output=True, text=True, timeout=LIMIT, env=server_env(), stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert "not a loopback address" in done.stderr and "--allow-remote" in done.stderr


@pytest.mark.parametrize("host, allowed", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                           ("0.0.0.0", False), ("192.168.1.10", False), ("example.com", False)])
def test_only_loopback_hosts_are_served_without_allow_remote(host: str, allowed: bool):
    from prodlint.lsp.serve import tcp_address

    if allowed:
        assert tcp_address(f"{host}:2087", False) == (host, 2087)
    else:
        with pytest.raises(ValueError, match="--allow-remote"):
            tcp_address(f"{host}:2087", False)
        assert tcp_address(f"{host}:2087", True) == (host, 2087)


async def test_tcp_framing_survives_a_bad_header(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "prodlint", "serve", "--tcp", f"127.0.0.1:{port}", env=server_env(),
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + LIMIT
        while True:
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                break
            except OSError:
                assert loop.time() < deadline
                await asyncio.sleep(0.05)
        init = encode({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
        writer.write(frame(init) + b"Content-Length: zzz\r\n\r\n{}" + frame(hover(2)))
        seen = set()
        while not {1, 2} <= seen:
            header = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), LIMIT)
            length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
            seen.add(json.loads(await reader.readexactly(length)).get("id"))
        writer.close()
    finally:
        process.kill()
        await process.wait()
