"""Path questions asked for every file of a run, answered cheaply.

`relative`: `relpath` normalises both arguments and compares them part by part: a few microseconds, paid
several times per file (its project-relative name, its role, every .gitignore and config glob
that may apply). Every path the engine handles is already absolute and normalised, so the usual
case, a path inside the base, is a prefix cut; anything else goes to `relpath` unchanged.
"""

from __future__ import annotations

import os
from functools import lru_cache


def relative(path: str, base: str) -> str:
    """`os.path.relpath(path, base)`, cheaply when `path` lies under `base` as written."""
    if path == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    if path.startswith(prefix):
        rest = path[len(prefix):]
        probe = os.sep + rest + os.sep
        if rest and _DOUBLE not in probe and _DOT not in probe and _DOTDOT not in probe:
            return rest
    return os.path.relpath(path, base)


_DOUBLE, _DOT, _DOTDOT = os.sep * 2, f"{os.sep}.{os.sep}", f"{os.sep}..{os.sep}"


@lru_cache(maxsize=4096)
def dir_names(directory: str) -> frozenset[str]:
    """The entry names of a folder (empty when it cannot be listed), listed once: project roots
    and config files are looked for in the same folders for every file below them. A caller that
    sees a folder change clears it (`prodlint.project.forget_configs`)."""
    try:
        return frozenset(os.listdir(directory))
    except OSError:
        return frozenset()
