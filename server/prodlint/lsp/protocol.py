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
- Protocol states: a request before `initialize` is answered ServerNotInitialized, one after
  `shutdown` InvalidRequest (pygls answers the first with null and drops the second, so the
  client waits forever); a second `initialize` is an InvalidRequest too.
- Params are typed strictly: a number where a string belongs (a `uri`) is InvalidParams, not
  silently turned into the string "5".
- `$/cancelRequest`: messages are read in batches (`serve_batch`); a request cancelled within its
  batch is answered RequestCancelled instead of being run.
- Finished handlers are forgotten: pygls 2.1.1 files the future of every handler it runs in
  `_request_futures` and removes it only when it answers a request, so each notification (every
  `didChange`) and each inner step of a generator handler stayed there for the life of the
  process (about 1 KB a keystroke: the soak's RSS grew without bound).
"""

from __future__ import annotations

import logging
from typing import Any

from lsprotocol import types as T
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.protocol import LanguageServerProtocol, lsp_method

log = logging.getLogger("prodlint.lsp")

ANSWERED = object()  # a message already answered with an error: nothing left to do
SERVER_NOT_INITIALIZED = -32002
INVALID_REQUEST = -32600
REQUEST_CANCELLED = -32800


def _strict(kind: type, name: str) -> Any:
    def structure(value: Any, _type: Any) -> Any:
        if _type is not kind:  # an IntEnum or str enum field dispatches here too: build the member
            return _type(value)
        if isinstance(value, bool) and kind is not bool or not isinstance(value, kind):
            if kind is int and isinstance(value, float) and value.is_integer():
                return int(value)
            raise TypeError(f"expected {name}, got {type(value).__name__}")
        return value
    return structure


_NEVER_CANCELLED = frozenset({T.INITIALIZE, T.SHUTDOWN})


class ProdlintProtocol(LanguageServerProtocol):
    def __init__(self, server: Any, converter: Any) -> None:
        super().__init__(server, converter)
        for kind, name in ((str, "a string"), (int, "an integer"), (bool, "a boolean")):
            converter.register_structure_hook(kind, _strict(kind, name))
        self.initialize_seen = False

    def _execute_handler(self, msg_id: Any, handler: Any, callback: Any, args: Any = None,
                         kwargs: Any = None) -> None:
        super()._execute_handler(msg_id, handler, callback, args=args, kwargs=kwargs)
        self.forget_finished()

    def forget_finished(self) -> None:
        """Drop the futures of handlers that have finished: only a pending one can still be
        cancelled, and an answered request has been removed already (its own callback pops it
        again harmlessly when it runs later)."""
        futures = self._request_futures
        for msg_id, future in list(futures.items()):
            if future.done():
                futures.pop(msg_id, None)

    def send_error_without_id(self, code: int, message: str) -> None:
        """An error response to a message whose id could not be read (JSON-RPC: id null)."""
        import json

        self.send_raw(json.dumps({"jsonrpc": "2.0", "id": None, "error": {"code": code, "message": message}}))

    def _send_error(self, msg_id: Any, code: int, message: str) -> None:
        import json

        self.send_raw(json.dumps({"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}}))

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
                return ANSWERED
            raise exc

    def handle_message(self, message: Any) -> None:
        if message is ANSWERED:
            return
        method = getattr(message, "method", None)
        is_request = method is not None and hasattr(message, "id")
        if method == T.EXIT:
            super().handle_message(message)
            return
        if self._shutdown:
            if is_request:
                log.info("%s after shutdown: answered InvalidRequest", method)
                self._send_error(message.id, INVALID_REQUEST, f"the server is shut down: {method} refused")
            else:
                log.info("%s after shutdown: ignored", method)
            return
        if method == T.INITIALIZE and is_request:
            if self.initialize_seen:
                self._send_error(message.id, INVALID_REQUEST, "initialize was already received")
                return
            self.initialize_seen = True
        elif not self.initialize_seen and method is not None:
            if is_request:
                log.info("%s before initialize: answered ServerNotInitialized", method)
                self._send_error(message.id, SERVER_NOT_INITIALIZED, f"{method} before initialize")
            else:
                log.info("%s before initialize: ignored", method)
            return
        super().handle_message(message)

    def serve_batch(self, messages: list[Any]) -> None:
        """Handle messages read together, in order; a request whose `$/cancelRequest` is among
        them is answered RequestCancelled without running (a lint or code action the editor
        no longer wants costs nothing). A cancel for a request of an earlier batch goes to
        pygls, which cancels it if it is still pending."""
        cancelled = {_cancel_target(m) for m in messages} - {None}
        answered = set()
        for message in messages:
            method = getattr(message, "method", None)
            msg_id = getattr(message, "id", None)
            if method == T.CANCEL_REQUEST and _cancel_target(message) in answered:
                continue
            if method is not None and method not in _NEVER_CANCELLED and msg_id is not None and msg_id in cancelled and \
                    self.initialize_seen and not self._shutdown:
                log.info("%s (id %s) cancelled before it ran", method, msg_id)
                self._send_error(msg_id, REQUEST_CANCELLED, f"request {msg_id} was cancelled")
                answered.add(msg_id)
                continue
            try:
                self.handle_message(message)
            except Exception as exc:
                log.error("unable to handle %s: %s", method or "a message", exc)

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


def _cancel_target(message: Any) -> Any:
    if getattr(message, "method", None) != T.CANCEL_REQUEST:
        return None
    return getattr(getattr(message, "params", None), "id", None)


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
