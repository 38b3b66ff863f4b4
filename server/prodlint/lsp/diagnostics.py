"""Findings → LSP diagnostics, at the server's edge (the engine knows nothing of LSP).

Each diagnostic carries `code`, `source`, `codeDescription.href` (the rule's docs) and, in `data`,
its fixes as byte edits, so a code action needs no re-lint. Conversions are cached per finding:
after a keystroke only the findings the edit moved are converted again. A result id is a hash of what was published, so pull requests can answer "unchanged".
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from lsprotocol import types as T

if TYPE_CHECKING:
    from prodlint.api import Finding
    from prodlint.positions import LineIndex

SOURCE = "prodlint"
_SEVERITY = {"error": T.DiagnosticSeverity.Error, "warning": T.DiagnosticSeverity.Warning,
             "info": T.DiagnosticSeverity.Information, "hint": T.DiagnosticSeverity.Hint}


def lsp_range(index: LineIndex, start: int, end: int, encoding: str) -> T.Range:
    sl, sc = index.position(start, encoding)
    el, ec = index.position(end, encoding)
    return T.Range(T.Position(sl, sc), T.Position(el, ec))


def fix_data(finding: Finding) -> dict[str, Any]:
    return {
        "fixes": [
            {"title": fix.title, "applicability": fix.applicability.value,
             "edits": [[e.path, e.start, e.end, e.text, e.mode] for e in fix.edits]}
            for fix in finding.fixes
        ],
    }


def to_diagnostic(finding: Finding, index: LineIndex, encoding: str) -> T.Diagnostic:
    from prodlint.output import rule_url

    severity = finding.severity.value if finding.severity is not None else "warning"
    return T.Diagnostic(
        range=lsp_range(index, finding.span.start, finding.span.end, encoding),
        message=finding.message,
        severity=_SEVERITY.get(severity, T.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=T.CodeDescription(href=rule_url(finding.code)),
        source=SOURCE,
        data=fix_data(finding),
    )


def result_id(diagnostics: list[T.Diagnostic], converter: Any) -> str:
    """A stable id for a list of diagnostics: equal lists give equal ids."""
    payload = repr([converter.unstructure(d) for d in diagnostics]).encode()
    return hashlib.sha1(payload).hexdigest()[:16]


def disk_index(path: str) -> LineIndex:
    """The line index of a closed file, cached by modification time."""
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError:
        stamp = 0
    return _disk_index(path, stamp)


@lru_cache(maxsize=512)
def _disk_index(path: str, stamp: int) -> LineIndex:
    from prodlint.positions import LineIndex

    try:
        with open(path, "rb") as fh:
            return LineIndex(fh.read())
    except OSError:
        return LineIndex(b"")
