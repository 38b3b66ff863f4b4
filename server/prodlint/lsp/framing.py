"""JSON-RPC framing that survives a bad message.

pygls matches headers line by line and reads `Content-Length` bytes on trust: one message whose
length is wrong, or not a number, leaves it waiting for a header that never comes. Here the
stream is a byte buffer: a header block, then exactly N body bytes. A bad header is logged and
skipped up to the next `Content-Length:`; a declared length that runs into the next header is
cut there (a raw newline followed by `Content-Length: N` cannot occur inside valid JSON, whose
strings escape their newlines); a body that is not JSON is answered with ParseError.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import threading
from collections.abc import Awaitable, Callable
from typing import Any, BinaryIO

from prodlint.lsp.protocol import ANSWERED

log = logging.getLogger("prodlint.lsp")

#: a header block larger than this without its blank line is garbage, not a header
MAX_HEADER = 8 * 1024
#: at most this many buffered messages are handled as one batch
MAX_BATCH = 256
#: read size; large bodies are read in chunks of this size
CHUNK = 1 << 20
_HEADER_END = re.compile(rb"\r\n\r\n|\n\n")
_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*(\d{1,12})[ \t]*$", re.IGNORECASE)
_LENGTH_NAME = re.compile(rb"content-length[ \t]*:", re.IGNORECASE)
#: the start of a header inside what was declared body: never part of valid JSON text
_NEXT_HEADER = re.compile(rb"[\r\n}\]]Content-Length:[ \t]*\d+[ \t]*\r?\n", re.IGNORECASE)

ReadChunk = Callable[[], Awaitable[bytes]]


class FrameReader:
    """Splits a byte stream into message bodies; `next_body` returns None at end of stream."""

    def __init__(self, read_chunk: ReadChunk) -> None:
        self.read_chunk = read_chunk
        self.buf = bytearray()
        self.eof = False

    async def _fill(self) -> bool:
        if self.eof:
            return False
        data = await self.read_chunk()
        if not data:
            self.eof = True
            return False
        self.buf += data
        return True

    def _resync(self, why: str) -> None:
        """Drop bytes up to the next `Content-Length:` after the start (or all but a tail that
        may hold the start of one)."""
        match = _LENGTH_NAME.search(self.buf, 1)
        dropped = match.start() if match else max(0, len(self.buf) - 32)
        log.warning("JSON-RPC framing: %s; skipped %d byte(s) to the next header", why, dropped)
        del self.buf[:dropped]

    def _header(self) -> tuple[int, int | None] | None:
        """(end of the header block, declared length or None) when a whole block is buffered."""
        end = _HEADER_END.search(self.buf, 0, MAX_HEADER + 4)
        if end is None:
            return None
        length = None
        for line in bytes(self.buf[:end.start()]).replace(b"\r\n", b"\n").split(b"\n"):
            match = _LENGTH.match(line.strip())
            if match:
                length = int(match.group(1))
        return end.end(), length

    async def next_body(self) -> bytes | None:
        while True:
            header = self._header()
            if header is None:
                if len(self.buf) > MAX_HEADER:
                    self._resync("no end of header within %d bytes" % MAX_HEADER)
                    continue
                if not await self._fill():
                    if self.buf.strip():
                        log.warning("JSON-RPC framing: %d byte(s) without a header at end of stream",
                                    len(self.buf))
                    return None
                continue
            start, length = header
            if length is None:
                shown = bytes(self.buf[:min(start, 80)]).decode("ascii", "backslashreplace")
                self._resync(f"header without a valid Content-Length ({shown!r})")
                continue
            body = await self._body(start, length)
            if body is None:
                return None
            return body

    def complete(self) -> bool:
        """Whether a whole message is buffered (so `next_body` returns without reading)."""
        while True:
            header = self._header()
            if header is None:
                return False
            start, length = header
            if length is None:
                self._resync("header without a valid Content-Length")
                continue
            if len(self.buf) >= start + length:
                return True
            return _NEXT_HEADER.search(self.buf, start, len(self.buf)) is not None

    async def _body(self, start: int, length: int) -> bytes | None:
        scanned = start
        while True:
            have = min(len(self.buf), start + length)
            cut = _NEXT_HEADER.search(self.buf, max(start, scanned - 64), have)
            if cut is not None:
                end = cut.start() + (1 if self.buf[cut.start()] in b"}]" else 0)
                log.warning("JSON-RPC framing: Content-Length %d runs into the next message; "
                            "the body is cut at %d byte(s)", length, end - start)
                body = bytes(self.buf[start:end])
                del self.buf[:end]
                return body
            scanned = have
            if len(self.buf) >= start + length:
                body = bytes(self.buf[start:start + length])
                del self.buf[:start + length]
                return body
            if not await self._fill():
                log.warning("JSON-RPC framing: end of stream inside a %d-byte body", length)
                return None


def stdin_chunks(stream: BinaryIO) -> ReadChunk:
    """Chunks of a blocking binary stream, read by a daemon thread (a client that keeps the pipe
    open after `exit` never holds the process).

    The thread reads its own duplicate of the descriptor and closes it at end of stream: reading
    the caller's descriptor by number would, once the caller closed it, read whatever pipe or
    file the process opened next under the same number."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[bytes] = asyncio.Queue(maxsize=16)
    own_fd: int | None = None
    try:  # the descriptor itself: a buffered reader's lock, held by a blocked read, would stop
        own_fd = os.dup(stream.fileno())  # the interpreter from exiting
        fd = own_fd
        read: Callable[[int], bytes] = lambda n: os.read(fd, n)
    except (AttributeError, OSError, ValueError):
        read = getattr(stream, "read1", stream.read)

    def pump() -> None:
        try:
            while True:
                try:
                    data = read(CHUNK)
                except (OSError, ValueError):
                    data = b""
                if loop.is_closed():
                    return
                put = queue.put(data)
                try:
                    asyncio.run_coroutine_threadsafe(put, loop).result()
                except Exception:
                    put.close()  # the loop is gone: nothing will await it
                    return
                if not data:
                    return
        finally:
            if own_fd is not None:
                os.close(own_fd)

    threading.Thread(target=pump, name="prodlint-stdin", daemon=True).start()
    return queue.get


def stream_chunks(reader: asyncio.StreamReader) -> ReadChunk:
    async def read() -> bytes:
        try:
            return await reader.read(CHUNK)
        except (ConnectionError, OSError):
            return b""
    return read


async def serve_stream(frames: FrameReader, protocol: Any, stop: threading.Event) -> None:
    """Hand the framed messages to the protocol, a batch at a time: all that is already
    buffered, so a `$/cancelRequest` right behind its request is seen before the request runs."""
    while not stop.is_set():
        body = await frames.next_body()
        if body is None:
            return
        batch = [body]
        while len(batch) < MAX_BATCH and frames.complete():
            body = await frames.next_body()
            if body is None:
                break
            batch.append(body)
        messages = [m for m in (_decode(b, protocol) for b in batch) if m is not None]
        protocol.serve_batch(messages)
        await asyncio.sleep(0)  # let timers (debounced lints) and responses run


def _decode(body: bytes, protocol: Any) -> Any:
    """A body as a pygls message, or None once a body that is not one has been answered."""
    try:
        message = json.loads(body, object_hook=protocol.structure_message)
    except (ValueError, UnicodeDecodeError) as exc:
        log.warning("JSON-RPC: a %d-byte message is not valid JSON (%s); answered ParseError", len(body), exc)
        protocol.send_error_without_id(-32700, "Parse error: the message is not valid JSON")
        return None
    except Exception as exc:  # structure_message failed on a nested object
        log.warning("JSON-RPC: could not read a message: %s", exc)
        return None
    if hasattr(message, "jsonrpc") or message is ANSWERED:
        return message
    log.warning("JSON-RPC: a message that is not a JSON-RPC 2.0 object was dropped")
    msg_id = message.get("id") if isinstance(message, dict) else None
    if isinstance(msg_id, (str, int)) and not isinstance(msg_id, bool):
        protocol._send_error(msg_id, -32600, "Invalid Request: not a JSON-RPC 2.0 message")
    else:
        protocol.send_error_without_id(-32600, "Invalid Request: not a JSON-RPC 2.0 message")
    return None
