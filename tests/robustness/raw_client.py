"""A raw JSON-RPC client for `prodlint serve` over stdio: it can send what no well-behaved client
sends (bad headers, bodies that are not JSON, wrong types), answers the server's own requests with
null, and keeps every notification it receives. Every wait is bounded by `LIMIT` seconds, a
safety net against a hang, never a speed assertion."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[2]
LIMIT = 60.0
#: the long budget (more hypothesis examples, bigger bursts, longer soaks) runs only when asked
LONG = os.environ.get("PRODLINT_ROBUSTNESS_LONG") == "1"


def server_env() -> dict[str, str]:
    """The environment of a server process: the package from this checkout unless PYTHONPATH
    already names one (so the suite can be pointed at another tree)."""
    env = dict(os.environ)
    if "PYTHONPATH" not in env:
        env["PYTHONPATH"] = os.pathsep.join([str(REPO / "server"), str(REPO / "rules")])
    return env


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def encode(message: dict[str, Any]) -> bytes:
    return json.dumps(message).encode()


class RawClient:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.next_id = 0
        self.inbox: list[dict[str, Any]] = []
        self.stderr = bytearray()
        self._buffer = bytearray()
        self._stderr_task = asyncio.ensure_future(self._drain_stderr())

    @classmethod
    async def start(cls, *args: str, cwd: str | None = None) -> RawClient:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "prodlint", "serve", *args, stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=server_env(), cwd=cwd,
            limit=64 * 1024 * 1024)
        return cls(process)

    async def _drain_stderr(self) -> None:
        assert self.process.stderr is not None
        while chunk := await self.process.stderr.read(65536):
            self.stderr += chunk

    # ------------------------------------------------------------------ sending
    def write(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)

    def send(self, message: dict[str, Any]) -> None:
        message.setdefault("jsonrpc", "2.0")
        self.write(frame(encode(message)))

    def notify(self, method: str, params: Any = None) -> None:
        self.send({"method": method, "params": params} if params is not None else {"method": method})

    def request_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def send_request(self, method: str, params: Any = None) -> int:
        msg_id = self.request_id()
        message: dict[str, Any] = {"id": msg_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return msg_id

    async def request(self, method: str, params: Any = None) -> dict[str, Any]:
        """The whole response message (with `result` or `error`)."""
        msg_id = self.send_request(method, params)
        return await self.response(msg_id)

    # ------------------------------------------------------------------ receiving
    async def _read_message(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        reader = self.process.stdout
        length = None
        while True:
            line = await reader.readline()
            if not line:
                raise EOFError("the server closed its output")
            if line in (b"\r\n", b"\n"):
                if length is not None:
                    break
                continue
            name, _, value = line.decode("ascii").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        message = json.loads(await reader.readexactly(length))
        if "method" in message and "id" in message:  # a request from the server: answer null
            self.send({"id": message["id"], "result": None})
        return message

    async def until(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = LIMIT) -> dict[str, Any]:
        for message in self.inbox:
            if predicate(message):
                self.inbox.remove(message)
                return message

        async def wait() -> dict[str, Any]:
            while True:
                message = await self._read_message()
                if predicate(message):
                    return message
                self.inbox.append(message)

        return await asyncio.wait_for(wait(), timeout)

    async def response(self, msg_id: Any, timeout: float = LIMIT) -> dict[str, Any]:
        return await self.until(lambda m: m.get("id") == msg_id and "method" not in m, timeout)

    async def diagnostics(self, uri: str, version: int | None = None, timeout: float = LIMIT) -> dict[str, Any]:
        def wanted(m: dict[str, Any]) -> bool:
            if m.get("method") != "textDocument/publishDiagnostics" or m["params"]["uri"] != uri:
                return False
            return version is None or m["params"].get("version") == version
        return (await self.until(wanted, timeout))["params"]

    async def drain(self, seconds: float) -> None:
        """Collect whatever arrives for `seconds` into the inbox."""
        try:
            await asyncio.wait_for(self._collect(), seconds)
        except asyncio.TimeoutError:
            pass

    async def _collect(self) -> None:
        while True:
            self.inbox.append(await self._read_message())

    # ------------------------------------------------------------------ lifecycle
    async def initialize(self, root: Path | None = None, **capabilities: Any) -> dict[str, Any]:
        params: dict[str, Any] = {"processId": os.getpid(), "capabilities": capabilities or {}}
        if root is not None:
            params["rootUri"] = root.as_uri()
            params["workspaceFolders"] = [{"uri": root.as_uri(), "name": root.name}]
        response = await self.request("initialize", params)
        self.notify("initialized", {})
        return response

    async def still_serving(self) -> None:
        """The server answers a request (any answer: it is alive and in sync)."""
        response = await self.request("textDocument/hover", {
            "textDocument": {"uri": "file:///nowhere/still-serving.js"}, "position": {"line": 0, "character": 0}})
        assert "result" in response or "error" in response

    async def stop(self) -> int:
        """shutdown + exit when the server is still there; the exit code."""
        if self.process.returncode is None:
            try:
                await self.request("shutdown")
                self.notify("exit")
                await asyncio.wait_for(self.process.wait(), LIMIT)
            except (EOFError, asyncio.TimeoutError, ConnectionError, BrokenPipeError):
                pass
        if self.process.returncode is None:
            self.process.kill()
            await self.process.wait()
        self._stderr_task.cancel()
        return self.process.returncode or 0


def open_params(uri: str, text: str, language: str = "javascript", version: int = 1) -> dict[str, Any]:
    return {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}
