"""Where a fix may write: inside the project, never through a symbolic link.

A project file a fix appends to (`.gitignore`, `.env.example`, `package.json`) can be a link to a
file elsewhere (a shared dotfile, another checkout); following it would edit a file the user did
not ask prodlint to touch. A target is refused when it is a link, is not a regular file, or
resolves (through a linked folder) outside the project; files a fix creates are held to the same
rule, and are opened with O_NOFOLLOW | O_EXCL so a link planted after the check is not followed.
"""

from __future__ import annotations

import os
import stat


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _nearest_existing(path: str) -> str:
    current = path
    while not os.path.lexists(current):
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    return current


def refusal(path: str, root: str | None) -> str | None:
    """Why a fix must not write `path` (None: it may). `root` is the project's folder; without
    one only the link and file-kind checks apply."""
    target = os.path.abspath(path)
    if root is not None:
        top = os.path.abspath(root)
        if not _inside(target, top):
            return f"outside the project root {top}"
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        return f"cannot be inspected: {exc.strerror or exc}"
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            return "a symbolic link (prodlint never writes through one)"
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file"
    if root is not None:
        real_top = os.path.realpath(root)
        existing = _nearest_existing(os.path.dirname(target))
        if not _inside(os.path.realpath(existing), real_top):
            return f"its folder resolves outside the project root {real_top}"
    return None


def write_file(path: str, data: bytes, *, exists: bool) -> None:
    """Write a checked target without following a link at its last component: an existing file
    is truncated in place, a new one must not exist yet."""
    flags = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    flags |= os.O_TRUNC if exists else os.O_CREAT | os.O_EXCL
    fd = os.open(path, flags, 0o644)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
