"""The baseline in the editor: diagnostics of findings the project's baseline holds are not shown,
exactly as `prodlint check --baseline` does not report them.

The baseline is the `baseline` setting (a path, relative to the workspace folder) or else
`.prodlint-baseline.json` at the workspace folder's root. Fingerprints are computed on the
buffer's own text and tree, so an unsaved edit above a baselined finding keeps it hidden; the
file is re-read when it changes on disk.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from lsprotocol import types as T

from prodlint.api import Finding, Span
from prodlint.baseline import DEFAULT_FILE, Baseline, BaselineError

log = logging.getLogger("prodlint.lsp")

_loaded: dict[str, tuple[int, Baseline | None]] = {}


def baseline_path(setting: str, folder: str | None) -> str | None:
    """The baseline file in effect for a workspace folder, if any."""
    if setting:
        path = setting if os.path.isabs(setting) else os.path.join(folder or os.getcwd(), setting)
        return path
    if folder:
        candidate = os.path.join(folder, DEFAULT_FILE)
        if os.path.isfile(candidate):
            return candidate
    return None


def load(path: str) -> Baseline | None:
    """The baseline at `path`, re-read when its modification time changes; None when unreadable
    (logged once per version of the file)."""
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError:
        return None
    cached = _loaded.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        baseline: Baseline | None = Baseline.load(path)
    except BaselineError as exc:
        log.warning("baseline ignored: %s", exc)
        baseline = None
    _loaded[path] = (stamp, baseline)
    return baseline


class _Buffer:
    """SourceReader for one buffer: its text and tree, other files from disk."""

    def __init__(self, path: str, source: bytes, tree: Any) -> None:
        from prodlint.baseline import SourceReader

        self.path, self.source, self.tree = path, source, tree
        self.disk = SourceReader()

    def __call__(self, path: str) -> tuple[bytes, Any]:
        return (self.source, self.tree) if path == self.path else self.disk(path)


def without_baselined(diagnostics: list[T.Diagnostic], path: str, sources: Any, index: Any,
                      encoding: str, baseline: Baseline) -> list[T.Diagnostic]:
    """The diagnostics of `path` whose findings are not in `baseline` (`sources`: path -> (bytes,
    tree), as `prodlint.baseline.SourceReader`)."""
    findings: list[Finding] = []
    for d in diagnostics:
        start = index.offset(d.range.start.line, d.range.start.character, encoding)
        end = index.offset(d.range.end.line, d.range.end.character, encoding)
        span = Span(start, end, index.point(start), index.point(end))
        findings.append(Finding(str(d.code), path, span, d.message))
    kept = {id(f) for f in baseline.new_findings(findings, sources)}
    return [d for d, f in zip(diagnostics, findings) if id(f) in kept]


def apply(server: Any, path: str, diagnostics: list[T.Diagnostic]) -> list[T.Diagnostic]:
    """The server's hook: `diagnostics` of `path` minus the baselined ones."""
    if not diagnostics:
        return diagnostics
    where = baseline_path(getattr(server.settings, "baseline", ""), server.folder_of(path))
    baseline = load(where) if where else None
    if baseline is None:
        return diagnostics
    od = server.doc_at(path)
    if od is not None:
        sources: Any = _Buffer(path, od.doc.source, od.doc.tree)
        index = od.doc.index
    else:
        from prodlint.baseline import SourceReader
        from prodlint.lsp.diagnostics import disk_index

        sources, index = SourceReader(), disk_index(path)
    try:
        return without_baselined(diagnostics, path, sources, index, server.encoding, baseline)
    except Exception as exc:  # a baseline problem must never hide every diagnostic
        log.error("baseline not applied to %s: %s", path, exc)
        return diagnostics
