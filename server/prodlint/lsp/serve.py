"""`prodlint serve`: run the language server on stdio (or TCP, for debugging).

stdout is the protocol. Log records go to `window/logMessage` once a client is connected (and to
`--log-file` when given); stderr carries only warnings and errors, since editors record every
stderr line as an error (VS Code's output channel, Neovim's lsp.log).
"""

from __future__ import annotations

import logging
import sys

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


class ClientLogHandler(logging.Handler):
    """Forwards prodlint's log records to the editor's output panel."""

    def __init__(self, ls: object) -> None:
        super().__init__()
        self.ls = ls
        self._busy = False

    def emit(self, record: logging.LogRecord) -> None:
        from lsprotocol import types as T

        if self._busy or getattr(self.ls.protocol, "writer", None) is None:  # type: ignore[attr-defined]
            return
        level = {logging.ERROR: T.MessageType.Error, logging.WARNING: T.MessageType.Warning,
                 logging.INFO: T.MessageType.Info}.get(record.levelno, T.MessageType.Log)
        self._busy = True
        try:
            self.ls.window_log_message(T.LogMessageParams(type=level, message=self.format(record)))  # type: ignore[attr-defined]
        except Exception:
            pass
        finally:
            self._busy = False


def serve(tcp: str | None = None, log_level: str = "info", log_file: str | None = None) -> int:
    """Run until the client sends `exit` (or closes the stream); returns the exit code: 0 for
    `exit` after `shutdown`, 1 otherwise (as the LSP specification asks)."""
    level = _LEVELS.get(log_level, logging.INFO)
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setFormatter(logging.Formatter("prodlint: %(levelname)s %(message)s"))
    stderr.setLevel(logging.WARNING)
    root = logging.getLogger()
    root.handlers[:] = [stderr]
    if log_file:
        file_log = logging.FileHandler(log_file, encoding="utf-8")
        file_log.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logging.getLogger("prodlint").addHandler(file_log)
    root.setLevel(logging.WARNING)
    logging.getLogger("prodlint").setLevel(level)

    from prodlint.lsp import actions, features, hover, pull  # noqa: F401  (register the features)
    from prodlint.lsp.server import server

    client_log = ClientLogHandler(server)
    client_log.setFormatter(logging.Formatter("%(message)s"))
    logging.getLogger("prodlint").addHandler(client_log)
    try:
        if tcp:
            host, _, port = tcp.rpartition(":")
            server.start_tcp(host or "127.0.0.1", int(port))
        else:
            server.start_io()
    except KeyboardInterrupt:
        return 0
    return server.exit_code
