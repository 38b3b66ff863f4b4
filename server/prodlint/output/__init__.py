"""Report formats: text (full and concise), json, sarif, github, gitlab. Every one shows messages
as rules wrote them, and rules never put a whole secret in a message (see `prodlint.api.redact`);
source lines shown in text output are redacted by `prodlint.output.frame`."""

from __future__ import annotations

import os
from collections.abc import Iterable, Set
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from prodlint.api import Finding
from prodlint.positions import LineIndex
from prodlint.registry import find_rule

if TYPE_CHECKING:
    from prodlint.output.frame import Frame

DOCS_URL = "https://github.com/prodlint/prodlint/blob/main/rules/README.md#{code}"


@dataclass(frozen=True)
class Located:
    """A finding with 1-based line/column (columns in code points) and its display path."""

    finding: Finding
    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    @property
    def category(self) -> str:
        loaded = find_rule(self.finding.code)
        return loaded.rule.category if loaded else "+"


@lru_cache(maxsize=256)
def _index(path: str) -> LineIndex:
    from prodlint.regular_files import read_regular

    try:
        return LineIndex(read_regular(path))
    except OSError:
        return LineIndex(b"")


def forget_file_texts() -> None:
    """Drop cached line indexes (files changed on disk, e.g. after `--fix`)."""
    _index.cache_clear()


def display_bytes(path: str) -> bytes:
    """The path as shown (relative to the working directory when inside it), in the file
    system's own bytes."""
    return _display_bytes(path, os.getcwd())


@lru_cache(maxsize=4096)
def _display_bytes(path: str, cwd: str) -> bytes:
    """Once per file and working directory: a large run has tens of thousands of findings."""
    rel = os.path.relpath(path, cwd)
    return os.fsencode((rel if not rel.startswith("..") else path).replace(os.sep, "/"))


def display_path(path: str) -> str:
    """`display_bytes` as valid text: a byte that is not UTF-8 (a file name the system allows)
    is shown as `\\xff`, never written raw into JSON, SARIF or a terminal."""
    return display_bytes(path).decode("utf-8", "backslashreplace")


def locate(finding: Finding, known: dict[int, tuple[int, int]] | None = None) -> Located:
    """The finding with its printed position; `known`: positions its file's linting worked out
    (`Report.positions`), else the file is read and indexed here."""
    return _located(finding, display_path(finding.path), known, False)


def locate_all(findings: Iterable[Finding], positions: dict[str, dict[int, tuple[int, int]]],
               plain_text: Set[str] = frozenset()) -> list[Located]:
    """`locate` for a run's findings: the working directory is asked once, each file's shown
    path worked out once (a large run prints tens of thousands of findings). In `plain_text`
    files (ASCII, no carriage return) a position is the span's point plus one; `positions` holds
    what the linting worked out for the others; any other file is read again."""
    cwd = os.getcwd()
    shown: dict[str, str] = {}
    out = []
    for finding in findings:
        path = finding.path
        name = shown.get(path)
        if name is None:
            name = shown[path] = _display_bytes(path, cwd).decode("utf-8", "backslashreplace")
        out.append(_located(finding, name, positions.get(path), path in plain_text))
    return out


def _located(finding: Finding, name: str, known: dict[int, tuple[int, int]] | None, plain_text: bool) -> Located:
    span = finding.span
    if plain_text:
        (row, col), (end_row, end_col) = span.start_point, span.end_point
        return Located(finding, name, row + 1, col + 1, end_row + 1, end_col + 1)
    start, end = span.start, span.end
    if known is not None and start in known and end in known:
        return Located(finding, name, *known[start], *known[end])
    index = _index(finding.path)  # lines as an editor counts them (a lone "\r" ends one)
    return Located(finding, name, *index.line_column(start), *index.line_column(end))


def rule_url(code: str) -> str:
    return DOCS_URL.format(code=code.lower())


def line_text(path: str, row: int) -> str:
    """Line `row` (0-based) of a file on disk, decoded."""
    return _index(path).line_bytes(row).decode("utf-8", "replace")


def char_columns(finding: Finding) -> tuple[int, int]:
    """0-based start and end characters of a finding on its start and end lines."""
    index = _index(finding.path)
    return index.column(finding.span.start) - 1, index.column(finding.span.end) - 1


def frame_of(loc: Located, secrets: dict[str, list[tuple[int, int, int, int]]]) -> Frame | None:
    """The code frame of a finding (None when its file has no line there), secrets redacted."""
    from prodlint.output.frame import build

    index = _index(loc.finding.path)
    row = loc.line - 1
    if row >= index.line_count or (index.line_count == 1 and not index.source):
        return None
    end = loc.end_column - 1 if loc.end_line == loc.line else -1
    return build(line_text(loc.finding.path, row), row, loc.column - 1, end, loc.end_line - loc.line,
                 secrets.get(loc.finding.path, ()))


def secrets_of(findings: Iterable[Finding]) -> dict[str, list[tuple[int, int, int, int]]]:
    """Secret spans per file, from every finding of the run (baselined ones too)."""
    from prodlint.output.frame import secret_spans

    return secret_spans(findings, char_columns)
