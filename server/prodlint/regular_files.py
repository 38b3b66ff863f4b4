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
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        mode = os.stat(path).st_mode
    except ValueError as exc:  # an embedded NUL in the name
        raise OSError(str(exc)) from None
    if not stat.S_ISREG(mode):  # a socket cannot even be opened: say what it is
        raise NotRegularFile(f"not a regular file ({kind_of(mode)})")
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):  # replaced between the stat and the open
            raise NotRegularFile(f"not a regular file ({kind_of(mode)})")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            return fh.read() if limit < 0 else fh.read(limit)
    finally:
        if fd >= 0:
            os.close(fd)
