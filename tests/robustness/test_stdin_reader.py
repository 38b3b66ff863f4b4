"""The server's stdin reader owns the descriptor it reads. An in-process server (an editor host,
a test) may close its input stream while the reader thread is still alive; the process then
reuses that descriptor number for the next pipe it opens (a `git` subprocess's output, say), and
a reader that kept reading the number would swallow that pipe's bytes."""

from __future__ import annotations

import asyncio
import os
import select

from prodlint.lsp.framing import stdin_chunks


def test_a_closed_input_stream_never_lets_the_reader_take_a_reused_descriptor() -> None:
    async def scenario() -> tuple[bytes, bytes]:
        r, w = os.pipe()
        stream = os.fdopen(r, "rb", buffering=0)
        next_chunk = stdin_chunks(stream)
        os.write(w, b"first")
        # without yielding to the loop: the caller closes its stream and the number is reused
        stream.close()
        other_r, other_w = os.pipe()
        assert other_r == r, "the freed descriptor number was not reused"
        os.write(other_w, b"someone else's bytes")
        first = await asyncio.wait_for(next_chunk(), 10)
        await asyncio.sleep(0.3)  # time for a reader that misread the number to take the bytes
        ready, _, _ = select.select([other_r], [], [], 1)
        left = os.read(other_r, 100) if ready else b""
        for fd in (w, other_r, other_w):
            os.close(fd)
        return first, left

    first, left = asyncio.run(scenario())
    assert first == b"first"
    assert left == b"someone else's bytes"
