"""pygls's protocol, adjusted where real clients trip it.

- Position encoding: utf-8 whenever the client offers it (tree-sitter's own unit, so no
  conversion), else whatever pygls picks from the client's list (utf-16 by default).
- A request whose params do not deserialize is answered with InvalidParams; pygls 2.1.1 only
  logs it, and the client waits forever.
- Neovim 0.7 sends the code-action context's diagnostics without `range`: take the request's.
- Text documents live in prodlint's own store (with their trees), not in pygls's workspace,
  which would re-split the whole text on every keystroke.
- `exit` gives the exit code the spec asks for (1 without `shutdown`), on stdio and TCP alike.
- Pull-diagnostic capabilities are advertised only when pull mode is on, so a client that both
  pulls and receives pushes never shows everything twice.
"""

from __future__ import annotations

import logging
from typing import Any

from lsprotocol import types as T
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.protocol import LanguageServerProtocol, lsp_method

log = logging.getLogger("prodlint.lsp")

_ANSWERED = object()  # a message already answered with an error: nothing left to do


class ProdlintProtocol(LanguageServerProtocol):
    def send_raw(self, body: str) -> None:
        """Send an already-encoded JSON message (ASCII: `json.dumps` escapes the rest), framed
        exactly as `_send_data` frames one."""
        import asyncio
        import inspect

        if self.writer is None:
            return
        header = (f"Content-Length: {len(body.encode(self.CHARSET))}\r\n"
                  f"Content-Type: {self.CONTENT_TYPE}; charset={self.CHARSET}\r\n\r\n")
        try:
            res = self.writer.write((header + body).encode(self.CHARSET))
            if inspect.isawaitable(res):
                asyncio.ensure_future(res)
        except BrokenPipeError:
            raise
        except Exception as error:  # as pygls does: report, keep serving
            self._server._report_server_error(error, Exception)

    @lsp_method(T.EXIT)
    def lsp_exit(self, *args: Any) -> Any:
        """Exit code 0 after `shutdown`, else 1 (`serve` returns it: pygls's own `sys.exit` is
        swallowed on stdio). Over TCP, close the connection and stop listening instead of raising
        SystemExit inside the connection callback, which asyncio reports as an error."""
        import asyncio

        self._server.exit_code = 0 if self._shutdown else 1
        if isinstance(self.writer, asyncio.StreamWriter):
            self.writer.close()
            self._server.shutdown()
            return
        yield from super().lsp_exit(*args)

    @lsp_method(T.INITIALIZE)
    def lsp_initialize(self, params: T.InitializeParams) -> Any:
        general = params.capabilities.general
        if general is not None and general.position_encodings and \
                T.PositionEncodingKind.Utf8 in general.position_encodings:
            general.position_encodings = [T.PositionEncodingKind.Utf8]
        result = yield from super().lsp_initialize(params)
        if not getattr(self._server, "pull_diagnostics", False):
            result.capabilities.diagnostic_provider = None
        return result

    def structure_message(self, data: dict[str, Any]) -> Any:
        if isinstance(data, dict) and data.get("method") == T.TEXT_DOCUMENT_CODE_ACTION:
            _fill_missing_ranges(data)
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "id" in data and "method" in data:
                error = JsonRpcInvalidParams(f"invalid params for {data['method']}")
                self._send_response(data["id"], error=error.to_response_error())
                return _ANSWERED
            raise exc

    def handle_message(self, message: Any) -> None:
        if message is _ANSWERED:
            return
        super().handle_message(message)

    # prodlint keeps the documents: skip pygls's copy, call the handlers directly
    @lsp_method(T.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: T.DidOpenTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(T.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(T.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: T.DidChangeTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(T.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(T.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: T.DidCloseTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(T.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None


def _fill_missing_ranges(data: dict[str, Any]) -> None:
    params = data.get("params")
    if not isinstance(params, dict):
        return
    context = params.get("context")
    rng = params.get("range")
    if not isinstance(context, dict) or not isinstance(context.get("diagnostics"), list):
        return
    for diag in context["diagnostics"]:
        if isinstance(diag, dict) and "range" not in diag and rng is not None:
            diag["range"] = rng
