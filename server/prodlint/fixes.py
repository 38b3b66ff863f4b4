"""Applying fixes: choose one fix per finding, drop overlapping edits, edit bytes, write files.

As in Ruff, `--fix` applies SAFE fixes, `--unsafe-fixes` adds UNSAFE ones, DISPLAY fixes are never
applied; the CLI re-lints after each round until nothing fixable is left (fixes that touch the
same bytes wait for the next round).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable

from prodlint.api import ENSURE_LINES, Applicability, Finding, Fix, TextEdit
from prodlint.lazy_fixes import Reader, read_disk, resolve

log = logging.getLogger("prodlint")


def applicable(fix: Fix, unsafe: bool) -> bool:
    if fix.applicability is Applicability.SAFE:
        return True
    return unsafe and fix.applicability is Applicability.UNSAFE


def first_applicable(finding: Finding, unsafe: bool) -> Fix | None:
    for fix in finding.fixes:
        if applicable(fix, unsafe):
            return fix
    return None


ENV_KEYS_HEADING = "# Required in every environment"
_WANTED_ENV_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=$")


def _defines_env_key(current: bytes, key: str) -> bool:
    """`KEY=`, `KEY="…"`, `export KEY=`, `KEY = …  # note`: the key is already listed (a line
    commenting it out is not)."""
    return re.search(rb"^[^\S\n]*(?:export[^\S\n]+)?" + re.escape(key.encode()) + rb"[^\S\n]*=", current, re.M) is not None


def ensure_lines(current: bytes, wanted: str) -> bytes:
    """`current` with each line of `wanted` appended unless it is already a line of it. Env keys
    (`NAME=`) count as present however the file spells them, and new ones go under a heading that
    says they are required (never at the end of someone's "optional" block). Append-only, so an
    editor can apply it as an insertion at the end."""
    newline = b"\r\n" if b"\r\n" in current else b"\n"
    have = {line.rstrip(b"\r").strip() for line in current.split(b"\n")}
    add = []
    for line in wanted.split("\n"):
        key = _WANTED_ENV_KEY.match(line.strip())
        if not line.strip() or line.strip().encode() in have or (key and _defines_env_key(current, key.group(1))):
            continue
        add.append(line.encode())
    if not add:
        return current
    prefix = current if (not current or current.endswith(b"\n")) else current + newline
    if any(_WANTED_ENV_KEY.match(line.decode().strip()) for line in add) and not _ends_under_heading(current):
        add = ([b""] if current.strip() else []) + [ENV_KEYS_HEADING.encode()] + add
    return prefix + newline.join(add) + newline


def _ends_under_heading(current: bytes) -> bool:
    """Whether the last block of the file is the required-keys block (new keys can join it)."""
    lines = [line.rstrip(b"\r") for line in current.rstrip().split(b"\n")]
    for line in reversed(lines):
        if line.strip() == ENV_KEYS_HEADING.encode():
            return True
        if not line.strip() or line.lstrip().startswith(b"#"):
            return False
    return False


def apply_edits(source: bytes, edits: Iterable[TextEdit]) -> bytes:
    """Apply non-overlapping replace edits of one file (ensure-lines edits last)."""
    replace_edits = sorted((e for e in edits if e.mode != ENSURE_LINES), key=lambda e: (e.start, e.end))
    out, pos = [], 0
    for e in replace_edits:
        if e.start < pos:
            raise ValueError("overlapping edits")
        out.append(source[pos:e.start])
        out.append(e.text.encode("utf-8"))
        pos = e.end
    out.append(source[pos:])
    result = b"".join(out)
    for e in edits:
        if e.mode == ENSURE_LINES:
            result = ensure_lines(result, e.text)
    return result


def plan(findings: Iterable[Finding], unsafe: bool, read: Reader = read_disk) -> tuple[list[Fix], dict[str, list[TextEdit]]]:
    """Fixes to apply this round and their edits per file; a fix whose edits overlap an already
    chosen one is left for the next round. A project finding's lazy fix is built here by its rule
    (see `prodlint.lazy_fixes`), from the files as `read` gives them."""
    chosen: list[Fix] = []
    per_file: dict[str, list[TextEdit]] = {}
    seen_fixes: set[Fix] = set()
    for finding in findings:
        fix = first_applicable(finding, unsafe)
        if fix is not None and fix.lazy:
            fix = first_applicable(resolve(finding, read), unsafe)
        if fix is None or fix in seen_fixes:
            continue
        if not _writable(fix, finding):
            continue
        if any(_overlaps(e, per_file.get(e.path, [])) for e in fix.edits):
            continue
        seen_fixes.add(fix)
        chosen.append(fix)
        for e in fix.edits:
            if e not in per_file.setdefault(e.path, []):
                per_file[e.path].append(e)
    return chosen, per_file


def _overlaps(edit: TextEdit, others: list[TextEdit]) -> bool:
    if edit.mode == ENSURE_LINES:
        return False
    for o in others:
        if o.mode == ENSURE_LINES or o == edit:
            continue
        if edit.start < o.end and o.start < edit.end:
            return True
        if edit.start == edit.end == o.start == o.end:
            return True  # two insertions at one point: order would be arbitrary
    return False


def _writable(fix: Fix, finding: Finding) -> bool:
    """Whether every file `fix` edits may be written: inside the finding's project (its git work
    tree, which holds the .gitignore a fix may extend) and not through a symbolic link. A fix
    with one refused edit is not applied at all (half a fix can break the build)."""
    from prodlint.engine import project_root_for
    from prodlint.walk import git_top_or
    from prodlint.write_guard import refusal

    project = project_root_for(finding.path)
    root = git_top_or(project, project)
    for path in {e.path for e in fix.edits}:
        reason = refusal(path, root)
        if reason is not None:
            log.warning("not applying %r (%s): %s is %s", fix.title, finding.code, path, reason)
            return False
    return True


def write_edits(per_file: dict[str, list[TextEdit]]) -> list[str]:
    """Apply edits to files on disk; returns the paths changed. A target that is a symbolic link
    or not a regular file is refused (logged), whatever chose the edits."""
    from prodlint.regular_files import read_regular
    from prodlint.write_guard import refusal, write_file

    changed = []
    for path, edits in sorted(per_file.items()):
        reason = refusal(path, None)
        if reason is not None:
            log.warning("not writing %s: it is %s", path, reason)
            continue
        exists = os.path.lexists(path)
        try:
            source = read_regular(path) if exists else b""
        except OSError as exc:
            log.warning("not writing %s: %s", path, exc)
            continue
        new = apply_edits(source, edits)
        if new != source:
            if not os.path.isdir(os.path.dirname(path) or "."):
                os.makedirs(os.path.dirname(path))
            write_file(path, new, exists=exists)
            changed.append(path)
    return changed
