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


def _edits(finding: Finding, fix: Any, index: LineIndex | None) -> list[list[Any]]:
    """A fix's edits as [path, [line, byte column], [line, byte column], text, mode]; path is ""
    for the finding's own file. Points (not byte offsets) keep the data, and so the cached
    diagnostic, unchanged when an edit on another line shifts the bytes."""
    out = []
    for e in fix.edits:
        if e.path == finding.path and index is not None:
            out.append(["", list(index.point(e.start)), list(index.point(e.end)), e.text, e.mode])
        else:
            out.append([e.path, e.start, e.end, e.text, e.mode])
    return out


def fix_data(finding: Finding, index: LineIndex | None = None) -> dict[str, Any]:
    """The fixes as data: title, applicability and edits (see `_edits`)."""
    return {"fixes": [{"title": fix.title, "applicability": fix.applicability.value,
                       "edits": _edits(finding, fix, index)} for fix in finding.fixes]}


def view_key(finding: Finding, index: LineIndex, encoding: str) -> tuple[Any, ...]:
    """What a diagnostic depends on, independent of where the finding sits in bytes: equal keys
    give equal diagnostics, so a keystroke reuses every diagnostic it did not move."""
    start = index.position(finding.span.start, encoding)  # editor lines: a lone "\r" counts
    end = index.position(finding.span.end, encoding)
    fixes = tuple((fix.title, fix.applicability, tuple(
        ("", index.point(e.start), index.point(e.end), e.text, e.mode) if e.path == finding.path
        else (e.path, e.start, e.end, e.text, e.mode) for e in fix.edits)) for fix in finding.fixes)
    return finding.code, finding.message, finding.severity, start, end, fixes, finding.related


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
        data=fix_data(finding, index),
        related_information=_related(finding) or None,
    )


def _related(finding: Finding) -> list[T.DiagnosticRelatedInformation]:
    """Where else the finding is about (SEC004: where each variable is read). The other file is
    not open, so its positions are its (line, byte column) points."""
    from prodlint.lsp.code_actions import uri_of

    return [T.DiagnosticRelatedInformation(
        location=T.Location(uri=uri_of(path), range=T.Range(T.Position(*span.start_point), T.Position(*span.end_point))),
        message=message) for path, span, message in finding.related]


def diagnostic_json(d: T.Diagnostic) -> dict[str, Any]:
    """The wire form of a diagnostic made by `to_diagnostic`, written out directly (the generic
    converter costs more than everything else on a keystroke)."""
    r = d.range
    out: dict[str, Any] = {
        "range": {"start": {"line": r.start.line, "character": r.start.character},
                  "end": {"line": r.end.line, "character": r.end.character}},
        "message": d.message,
    }
    if d.severity is not None:
        out["severity"] = int(d.severity)
    if d.code is not None:
        out["code"] = d.code
    if d.code_description is not None:
        out["codeDescription"] = {"href": d.code_description.href}
    if d.source is not None:
        out["source"] = d.source
    if d.data is not None:
        out["data"] = d.data
    if d.related_information:
        out["relatedInformation"] = [
            {"location": {"uri": r.location.uri, "range": {
                "start": {"line": r.location.range.start.line, "character": r.location.range.start.character},
                "end": {"line": r.location.range.end.line, "character": r.location.range.end.character}}},
             "message": r.message} for r in d.related_information]
    return out


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

    from prodlint.regular_files import read_regular

    try:
        return LineIndex(read_regular(path))
    except OSError:
        return LineIndex(b"")
