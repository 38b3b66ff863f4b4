"""Applying fixes: choose one fix per finding, drop overlapping edits, edit bytes, write files.

As in Ruff, `--fix` applies SAFE fixes, `--unsafe-fixes` adds UNSAFE ones, DISPLAY fixes are never
applied; the CLI re-lints after each round until nothing fixable is left (fixes that touch the
same bytes wait for the next round).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from prodlint.api import ENSURE_LINES, Applicability, Finding, Fix, TextEdit


def applicable(fix: Fix, unsafe: bool) -> bool:
    if fix.applicability is Applicability.SAFE:
        return True
    return unsafe and fix.applicability is Applicability.UNSAFE


def first_applicable(finding: Finding, unsafe: bool) -> Fix | None:
    for fix in finding.fixes:
        if applicable(fix, unsafe):
            return fix
    return None


def ensure_lines(current: bytes, wanted: str) -> bytes:
    """`current` with each line of `wanted` appended unless it is already a line of it."""
    newline = b"\r\n" if b"\r\n" in current else b"\n"
    have = {line.rstrip(b"\r").strip() for line in current.split(b"\n")}
    add = [line.encode() for line in wanted.split("\n") if line.strip() and line.strip().encode() not in have]
    if not add:
        return current
    prefix = current if (not current or current.endswith(b"\n")) else current + newline
    return prefix + newline.join(add) + newline


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


def plan(findings: Iterable[Finding], unsafe: bool) -> tuple[list[Fix], dict[str, list[TextEdit]]]:
    """Fixes to apply this round and their edits per file; a fix whose edits overlap an already
    chosen one is left for the next round."""
    chosen: list[Fix] = []
    per_file: dict[str, list[TextEdit]] = {}
    seen_fixes: set[Fix] = set()
    for finding in findings:
        fix = first_applicable(finding, unsafe)
        if fix is None or fix in seen_fixes:
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


def write_edits(per_file: dict[str, list[TextEdit]]) -> list[str]:
    """Apply edits to files on disk; returns the paths changed."""
    changed = []
    for path, edits in sorted(per_file.items()):
        try:
            with open(path, "rb") as fh:
                source = fh.read()
        except FileNotFoundError:
            source = b""
        new = apply_edits(source, edits)
        if new != source:
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            with open(path, "wb") as fh:
                fh.write(new)
            changed.append(path)
    return changed
