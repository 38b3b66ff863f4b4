"""`--diff BASE`: the lines changed since a git ref, read from `git diff` (which never writes).

Changed means: added or modified in the working tree compared with BASE (committed, staged or
not), plus every line of a file git does not track yet. A finding is kept when any line of its
span is changed.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable

from prodlint.api import Finding

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
ALL_LINES = frozenset({-1})  # an untracked file: every line counts


class DiffError(Exception):
    """Not a git work tree, an unknown ref, or git missing."""


def _git(args: list[str], cwd: str) -> str:
    try:
        proc = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True,
                              text=True, errors="replace", timeout=120)
    except FileNotFoundError:
        raise DiffError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise DiffError("git diff took more than 120 s") from None
    if proc.returncode != 0:
        raise DiffError(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"git {args[0]} failed")
    return proc.stdout


def parse(diff_text: str, top: str) -> dict[str, set[int]]:
    """Changed 1-based line numbers per absolute path, from unified=0 diff output."""
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff_text.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            if name == "/dev/null":
                current = None
                continue
            if name.startswith("b/"):
                name = name[2:]
            current = changed.setdefault(os.path.realpath(os.path.join(top, name)), set())
            continue
        match = _HUNK.match(line)
        if match and current is not None:
            start, count = int(match.group(1)), int(match.group(2) or "1")
            current.update(range(start, start + count))
    return changed


def changed_lines(base: str, where: str) -> dict[str, frozenset[int]]:
    """Per absolute path, the lines changed since `base` (ALL_LINES for untracked files)."""
    cwd = where if os.path.isdir(where) else os.path.dirname(os.path.abspath(where)) or "."
    top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    _git(["rev-parse", "--verify", "--quiet", base + "^{commit}"], cwd)
    text = _git(["diff", "--no-color", "--no-ext-diff", "--unified=0", "--diff-filter=AMRC", base, "--"], top)
    out = {path: frozenset(lines) for path, lines in parse(text, top).items()}
    for name in _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0"):
        if name:
            out[os.path.realpath(os.path.join(top, name))] = ALL_LINES
    return out


def on_changed_lines(findings: Iterable[Finding], changed: dict[str, frozenset[int]]) -> list[Finding]:
    out = []
    for f in findings:
        lines = changed.get(os.path.realpath(f.path))
        if not lines:
            continue
        first, last = f.span.start_point[0] + 1, f.span.end_point[0] + 1
        if lines is ALL_LINES or any(n in lines for n in range(first, last + 1)):
            out.append(f)
    return out
