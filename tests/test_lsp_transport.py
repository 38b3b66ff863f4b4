"""`prodlint serve` as a process: over TCP (loopback, for debugging) it answers initialize and
publishes diagnostics, and after `shutdown`/`exit` it stops with 0 (stdio: test_lsp_robustness);
`exit` without `shutdown` gives 1, on TCP and stdio alike. Every wait is bounded."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
from pathlib import Path

import pytest_lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from test_lsp_support import SERVER, URL_JS, start

REPO = Path(__file__).resolve().parent.parent
LIMIT = 30  # seconds: a safety bound on every wait, not a speed assertion


class TcpClient:
    """A minimal JSON-RPC client over a socket: framed messages in, messages out."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.next_id = 0

    def send(self, method: str, params: object = None, *, request: bool = False) -> int | None:
        message: dict[str, object] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        msg_id = None
        if request:
            self.next_id += 1
            message["id"] = msg_id = self.next_id
        body = json.dumps(message).encode()
        self.writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        return msg_id

    async def receive(self) -> dict:
        length = None
        while True:
            line = await self.reader.readline()
            if not line:
                raise EOFError("the server closed the connection")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        assert length is not None
        return json.loads(await self.reader.readexactly(length))

    async def until(self, predicate) -> dict:
        while True:
            message = await self.receive()
            if predicate(message):
                return message

    async def request(self, method: str, params: object = None) -> dict:
        msg_id = self.send(method, params, request=True)
        return await self.until(lambda m: m.get("id") == msg_id and "method" not in m)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def serve_tcp() -> tuple[asyncio.subprocess.Process, TcpClient]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "server"), str(REPO / "rules")])}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "prodlint", "serve", "--tcp", f"127.0.0.1:{port}", "--log-level", "debug",
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=env)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LIMIT
    while True:  # the server needs a moment to bind: retry, bounded
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            return process, TcpClient(reader, writer)
        except OSError:
            if process.returncode is not None or loop.time() > deadline:
                process.kill()
                raise
            await asyncio.sleep(0.05)


async def initialize(client: TcpClient, root: Path) -> dict:
    result = await client.request("initialize", {
        "processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {},
        "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}]})
    client.send("initialized", {})
    return result


async def test_tcp_serves_a_session_and_exits_zero(tmp_path):
    process, client = await serve_tcp()
    try:
        async with asyncio.timeout(LIMIT):
            response = await initialize(client, tmp_path)
            assert response["result"]["serverInfo"]["name"] == "prodlint"
            assert response["result"]["capabilities"]["textDocumentSync"]["change"] == 2  # incremental
            uri = (tmp_path / "app.js").as_uri()
            client.send("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "javascript", "version": 1, "text": URL_JS}})
            published = await client.until(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                           and m["params"]["uri"] == uri)
            assert [d["code"] for d in published["params"]["diagnostics"]] == ["URL001"]
            assert published["params"]["version"] == 1
            assert (await client.request("shutdown"))["result"] is None
            client.send("exit")
            assert await process.wait() == 0
            _, stderr = await process.communicate()
    finally:
        if process.returncode is None:
            process.kill()
    assert b"Traceback" not in stderr and b"ERROR" not in stderr


async def test_tcp_exit_without_shutdown_exits_one(tmp_path):
    process, client = await serve_tcp()
    try:
        async with asyncio.timeout(LIMIT):
            await initialize(client, tmp_path)
            client.send("exit")
            assert await process.wait() == 1
    finally:
        if process.returncode is None:
            process.kill()


async def test_tcp_server_stops_when_the_client_disconnects(tmp_path):
    process, client = await serve_tcp()
    try:
        async with asyncio.timeout(LIMIT):
            await initialize(client, tmp_path)
            client.writer.close()
            assert await process.wait() == 1  # no shutdown/exit: not a clean exit
    finally:
        if process.returncode is None:
            process.kill()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def bare_client(lsp_client: LanguageClient):
    yield


async def test_stdio_exit_without_shutdown_returns_one(bare_client: LanguageClient, tmp_path):
    await start(bare_client, tmp_path)
    bare_client.exit(None)
    async with asyncio.timeout(LIMIT):
        assert await bare_client._server.wait() == 1
