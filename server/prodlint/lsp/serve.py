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


def loopback_host(host: str) -> bool:
    """Whether `host` is only reachable from this machine (a name other than localhost may
    resolve anywhere, so it is not)."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def tcp_address(tcp: str, allow_remote: bool) -> tuple[str, int]:
    """HOST:PORT checked: the server has no authentication and reads any file a client names,
    so it listens beyond loopback only when asked to explicitly."""
    host, _, port = tcp.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    if not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(f"--tcp {tcp}: expected HOST:PORT with a port number")
    if not loopback_host(host) and not allow_remote:
        raise ValueError(
            f"--tcp {tcp}: refusing to listen on {host}, which is not a loopback address; the server "
            "has no authentication and any client that connects can read files through it. "
            "Use 127.0.0.1 (or an SSH tunnel), or pass --allow-remote if the network is trusted.")
    return host, int(port)


def serve(tcp: str | None = None, log_level: str = "info", log_file: str | None = None,
          allow_remote: bool = False) -> int:
    """Run until the client sends `exit` (or closes the stream); returns the exit code: 0 for
    `exit` after `shutdown`, 1 otherwise (as the LSP specification asks); 2 for an address
    refused before starting."""
    if tcp:
        try:
            address = tcp_address(tcp, allow_remote)
        except ValueError as exc:
            print(f"prodlint: {exc}", file=sys.stderr)
            return 2
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
            if not loopback_host(address[0]):
                logging.getLogger("prodlint").warning(
                    "listening on %s (--allow-remote): anyone who can reach this port can read files "
                    "through the server", address[0])
            server.start_tcp(*address)
        else:
            server.start_io()
    except KeyboardInterrupt:
        return 0
    return server.exit_code
