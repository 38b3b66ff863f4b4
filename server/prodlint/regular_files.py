"""Reading a file only when it is a regular file.

Opening a FIFO for reading blocks until a writer appears, and reading a character device may
never end: a workspace can hold either under any name (`.env`, `package.json`, `app.js`). Every
read of a workspace file goes through `read_regular`, which opens without blocking and checks
the opened descriptor itself (no window between a check and the open).
"""

from __future__ import annotations

import os
import stat

_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a directory"))


class NotRegularFile(OSError):
    """The path names something other than a regular file; `str()` says what."""


def kind_of(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def is_regular(path: str) -> bool:
    """Whether `path` (following symlinks) is a regular file; False when it cannot be stat'ed."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_regular(path: str, limit: int = -1) -> bytes:
    """The bytes of a regular file (at most `limit` when it is not negative). Raises
    NotRegularFile for a FIFO, socket, device or directory, OSError when unreadable."""
    return read_regular_sized(path, limit)[0]


_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def read_regular_sized(path: str, limit: int = -1) -> tuple[bytes, int]:
    """`read_regular`, with the file's size from the same `fstat` (a caller can skip a file too
    large to lint without looking at it again; `limit` stops the read there). A device is never
    opened (the name is checked first), a FIFO is opened without waiting for a writer, and the
    opened descriptor itself is checked: nothing can be swapped in between a check and the read."""
    try:
        mode = os.stat(path).st_mode
    except ValueError as exc:  # an embedded NUL in the name
        raise OSError(str(exc)) from None
    if not stat.S_ISREG(mode):  # a socket cannot even be opened: say what it is
        raise NotRegularFile(f"not a regular file ({kind_of(mode)})")
    fd = os.open(path, _FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # replaced between the stat and the open
            raise NotRegularFile(f"not a regular file ({kind_of(st.st_mode)})")
        parts: list[bytes] = []
        remaining = limit  # negative: no limit
        want = st.st_size + 1  # one more than expected: a short read is the end of the file
        while remaining != 0:
            n = want if remaining < 0 else min(want, remaining)
            chunk = os.read(fd, n)
            if not chunk:
                break
            parts.append(chunk)
            if remaining > 0:
                remaining -= len(chunk)
            if len(chunk) < n:
                break
            want = 1 << 16  # the file grew since the fstat
        return (parts[0] if len(parts) == 1 else b"".join(parts)), st.st_size
    finally:
        os.close(fd)
