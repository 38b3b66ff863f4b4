"""Report formats: text, json, sarif, github. Every one shows messages as rules wrote them,
and rules never put a whole secret in a message (see `prodlint.api.redact`)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from prodlint.api import Finding
from prodlint.positions import LineIndex
from prodlint.registry import find_rule

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
    try:
        with open(path, "rb") as fh:
            return LineIndex(fh.read())
    except OSError:
        return LineIndex(b"")


def forget_file_texts() -> None:
    """Drop cached line indexes (files changed on disk, e.g. after `--fix`)."""
    _index.cache_clear()


def display_path(path: str) -> str:
    rel = os.path.relpath(path)
    return (rel if not rel.startswith("..") else path).replace(os.sep, "/")


def locate(finding: Finding) -> Located:
    index = _index(finding.path)
    return Located(finding, display_path(finding.path),
                   finding.span.start_point[0] + 1, index.column(finding.span.start),
                   finding.span.end_point[0] + 1, index.column(finding.span.end))


def rule_url(code: str) -> str:
    return DOCS_URL.format(code=code.lower())
