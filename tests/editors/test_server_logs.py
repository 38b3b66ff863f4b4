"""Where the server's log goes: INFO and DEBUG to `window/logMessage` and `--log-file`, only
warnings and errors to stderr (editors show every stderr line as an error)."""

from __future__ import annotations

import asyncio
import shlex
import sys

import pytest_lsp
from lsprotocol import types as T

SRC = 'const API = "http://localhost:3000";\nfetch(API);\n'


def _server(tmp_path_factory) -> tuple[list[str], object, object]:
    logs = tmp_path_factory.mktemp("logs")
    stderr, log_file = logs / "stderr.txt", logs / "server.log"
    inner = f"{shlex.quote(sys.executable)} -m prodlint serve --log-level debug --log-file {shlex.quote(str(log_file))}"
    return ["sh", "-c", f"exec {inner} 2>{shlex.quote(str(stderr))}"], stderr, log_file


async def test_info_goes_to_log_message_and_file_not_stderr(tmp_path, tmp_path_factory):
    command, stderr, log_file = _server(tmp_path_factory)
    client = pytest_lsp.make_test_lsp_client()
    await client.start_io(command[0], *command[1:])
    try:
        await client.initialize_session(T.InitializeParams(
            capabilities=T.ClientCapabilities(), root_uri=tmp_path.as_uri(),
            # a bad setting value: the server warns (stderr) and uses the defaults
            initialization_options={"run": "sometimes"}))
        path = tmp_path / "app.js"
        path.write_text(SRC)
        client.text_document_did_open(T.DidOpenTextDocumentParams(
            T.TextDocumentItem(uri=path.as_uri(), language_id="javascript", version=1, text=SRC)))
        await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        await asyncio.sleep(0.2)
        await client.shutdown_session()
    finally:
        await client.stop()
    err_lines = [line for line in stderr.read_text().splitlines() if line.strip()]
    assert err_lines, "the invalid setting should be reported on stderr as a warning"
    assert all(line.startswith(("prodlint: WARNING", "prodlint: ERROR", "prodlint: CRITICAL")) for line in err_lines), err_lines
    info_to_client = [m for m in client.log_messages if m.type in (T.MessageType.Info, T.MessageType.Log)]
    assert info_to_client, [m.message for m in client.log_messages]
    file_text = log_file.read_text()
    assert " INFO " in file_text or " DEBUG " in file_text, file_text
    assert "WARNING" in file_text
