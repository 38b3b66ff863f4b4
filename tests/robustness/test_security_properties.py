"""Security properties, watched from inside the process: an audit hook (`sys.addaudithook`) sees
every subprocess, shell, socket connection and file write of a full scan in every output format
and of a whole server session (stdio over pipes); none may happen, except writes to the files a
fix targets. Secret values planted in the workspace never appear in any output format, log
line, hover or code action."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import select
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import hostile
from raw_client import LIMIT, encode, frame

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_WATCH = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty",
          "socket.connect", "socket.sendto", "os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.symlink",
          "os.link", "os.truncate", "os.chmod", "os.chown", "os.utime", "shutil.rmtree", "shutil.copyfile",
          "shutil.move", "ctypes.dlopen"}


class Watch:
    """What the process did while `active`; `allowed` writes (fix targets) are not violations."""

    def __init__(self) -> None:
        self.active = False
        self.allowed: set[str] = set()
        self.violations: list[tuple[str, Any]] = []
        self.thread_ids: set[int] = set()

    def hook(self, event: str, args: tuple[Any, ...]) -> None:
        if not self.active:
            return
        if event == "open":
            path, mode, flags = args
            writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or \
                (isinstance(flags, int) and flags & _WRITE_FLAGS)
            if not writes or path is None or isinstance(path, int):
                return
            name = os.fsdecode(path)
            if name.endswith(".pyc") or "__pycache__" in name or os.path.abspath(name) in self.allowed:
                return
            self.violations.append((event, name))
        elif event in _WATCH:
            self.violations.append((event, repr(args)[:200]))


WATCH = Watch()
sys.addaudithook(WATCH.hook)  # cannot be removed: it only records while a test switches it on


@contextlib.contextmanager
def watched(allowed: set[str] = frozenset()):
    WATCH.violations.clear()
    WATCH.allowed = {os.path.abspath(p) for p in allowed}
    WATCH.active = True
    try:
        yield WATCH
    finally:
        WATCH.active = False


def run_cli(*args: str) -> tuple[int, str, str]:
    from prodlint.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


class LogCapture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def logs():
    capture = LogCapture()
    logger = logging.getLogger("prodlint")
    old = logger.level
    logger.addHandler(capture)
    logger.setLevel(logging.DEBUG)
    yield capture
    logger.removeHandler(capture)
    logger.setLevel(old)


def _secrets_absent(text: str) -> None:
    assert hostile.SECRET not in text
    assert hostile.SECRET_ENV not in text


def test_a_full_scan_of_a_hostile_workspace_runs_nothing_connects_nowhere_writes_nothing(hostile_tree, logs):
    tmp_path, _ = hostile_tree
    proj = tmp_path / "proj"
    before = hostile.snapshot(tmp_path)
    with watched() as watch:
        code, out, err = run_cli("check", str(proj), "--format", "json", "--no-cache", "--jobs", "1", "--verbose")
    assert code == 1
    assert watch.violations == []
    assert hostile.snapshot(tmp_path) == before
    assert "SEC001" in out  # the secret is reported...
    for text in (out, err, *logs.lines):
        _secrets_absent(text)  # ...but never printed


def secret_project(root: Path) -> Path:
    proj = root / "proj"
    (proj / "src").mkdir(parents=True)
    (proj / ".git").mkdir()
    (proj / "package.json").write_text('{"name": "p", "dependencies": {"express": "4"}}\n')
    (proj / ".env").write_text(f"AWS_ACCESS_KEY_ID={hostile.SECRET_ENV}\nSTRIPE_KEY={hostile.SECRET}\n")
    (proj / "src" / "app.js").write_text(
        f'const stripe = "{hostile.SECRET}";\nconst aws = process.env.AWS_SECRET || "{hostile.SECRET_ENV}";\n'
        f'fetch("https://api.example.com/?key={hostile.SECRET}");\nmodule.exports = {{ stripe, aws }};\n')
    return proj


FORMATS = ["full", "concise", "json", "sarif", "github", "gitlab"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_format_prints_a_secret(tmp_path: Path, fmt: str, logs):
    proj = secret_project(tmp_path)
    with watched() as watch:
        code, out, err = run_cli("check", str(proj), "--format", fmt, "--no-cache", "--jobs", "1", "--verbose",
                                 "--statistics")
    assert code == 1 and "SEC001" in out
    assert watch.violations == []
    for text in (out, err, *logs.lines):
        _secrets_absent(text)


def test_fix_writes_only_its_targets(tmp_path: Path):
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / ".git").mkdir()
    (proj / ".env").write_text("STRIPE_KEY=" + hostile.SECRET + "\n")
    (proj / "package.json").write_text('{"name": "p"}\n')
    (proj / "app.js").write_text("try { go(); } catch (e) {}\nmodule.exports = process.env.STRIPE_KEY;\n")
    targets = {str(proj / ".gitignore"), str(proj / "app.js")}
    with watched(targets) as watch:
        code, out, err = run_cli("check", str(proj), "--fix", "--unsafe-fixes", "--no-cache", "--jobs", "1")
    assert watch.violations == []
    assert ".env" in (proj / ".gitignore").read_text()
    for text in (out, err):
        _secrets_absent(text)


class PipeClient:
    """The client end of an in-process server session over two pipes."""

    def __init__(self) -> None:
        self.to_server_r, self.to_server_w = os.pipe()
        self.from_server_r, self.from_server_w = os.pipe()
        self.buffer = b""
        self.received: list[dict[str, Any]] = []
        self.next_id = 0

    def send(self, message: dict[str, Any]) -> None:
        message.setdefault("jsonrpc", "2.0")
        os.write(self.to_server_w, frame(encode(message)))

    def request(self, method: str, params: Any) -> dict[str, Any]:
        self.next_id += 1
        msg_id = self.next_id
        self.send({"id": msg_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == msg_id and "method" not in m)

    def wait(self, predicate) -> dict[str, Any]:
        for m in self.received:
            if predicate(m):
                return m
        while True:
            message = self._read()
            self.received.append(message)
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": None})
            if predicate(message):
                return message

    def _read(self) -> dict[str, Any]:
        while True:
            head, sep, rest = self.buffer.partition(b"\r\n\r\n")
            if sep:
                length = int([h for h in head.split(b"\r\n") if h.lower().startswith(b"content-length")][0]
                             .split(b":")[1])
                if len(rest) >= length:
                    self.buffer = rest[length:]
                    return json.loads(rest[:length])
            ready, _, _ = select.select([self.from_server_r], [], [], LIMIT)
            assert ready, "the server did not answer"
            chunk = os.read(self.from_server_r, 1 << 20)
            assert chunk, "the server closed its output"
            self.buffer += chunk


def test_a_server_session_runs_nothing_connects_nowhere_writes_nothing_and_shows_no_secret(hostile_tree, logs):
    from prodlint.lsp import actions, features, hover, pull  # noqa: F401  (register the features)
    from prodlint.lsp.server import server

    tmp_path, _ = hostile_tree
    proj = tmp_path / "proj"
    app = proj / "src" / "app.js"
    before = hostile.snapshot(tmp_path)
    client = PipeClient()
    stdin = os.fdopen(client.to_server_r, "rb", buffering=0)
    stdout = os.fdopen(client.from_server_w, "wb")
    with watched() as watch:
        thread = threading.Thread(target=server.start_io, args=(stdin, stdout), daemon=True)
        thread.start()
        client.request("initialize", {"processId": os.getpid(), "rootUri": proj.as_uri(),
                                      "workspaceFolders": [{"uri": proj.as_uri(), "name": "proj"}],
                                      "capabilities": {"window": {"workDoneProgress": True}}})
        client.send({"method": "initialized", "params": {}})
        client.wait(lambda m: m.get("method") == "$/progress" and m["params"]["value"].get("kind") == "end")
        client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": app.as_uri(), "languageId": "javascript", "version": 1, "text": app.read_text()}}})
        published = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] == app.as_uri() and m["params"].get("version") == 1)
        found = published["params"]["diagnostics"]
        assert "SEC001" in {d["code"] for d in found}
        whole = {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}
        for d in found:
            client.request("textDocument/hover", {"textDocument": {"uri": app.as_uri()},
                                                  "position": d["range"]["start"]})
        actions_found = client.request("textDocument/codeAction", {
            "textDocument": {"uri": app.as_uri()}, "range": whole, "context": {"diagnostics": found}})
        for action in actions_found.get("result") or []:
            if "data" in action and "edit" not in action:
                client.request("codeAction/resolve", action)
        env = proj / ".env"
        client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": env.as_uri(), "languageId": "dotenv", "version": 1, "text": env.read_text()}}})
        client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == env.as_uri())
        client.request("shutdown", None)
        client.send({"method": "exit"})
        thread.join(LIMIT)
    assert not thread.is_alive()
    assert watch.violations == []
    assert hostile.snapshot(tmp_path) == before
    everything = json.dumps(client.received)
    _secrets_absent(everything)
    for line in logs.lines:
        _secrets_absent(line)
