"""The project index: each package root's facts, kept fresh from open buffers and file events.

A workspace folder is scanned once in the background (gitignore-aware, skipping dependencies and
build output); only facts and suppressions are kept per file, never trees. Open buffers overlay
the disk (the editor's text wins). Project rules are pure functions of a root's facts, so after an
edit only that root's project findings are recomputed, and only the files whose project findings
changed need publishing.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prodlint.api import Fact, Finding
    from prodlint.config import Config
    from prodlint.suppress import Suppressions


@dataclass(frozen=True)
class IndexedFile:
    facts: tuple[Fact, ...]
    suppressions: Suppressions
    content_hash: str = ""


@dataclass
class Project:
    root: str
    disk: dict[str, IndexedFile] = field(default_factory=dict)
    overlay: dict[str, IndexedFile] = field(default_factory=dict)  # open buffers
    findings: dict[str, list[Finding]] = field(default_factory=dict)  # project findings per file

    def files(self) -> dict[str, IndexedFile]:
        return {**self.disk, **self.overlay}


def scan_folder(folder: str, overrides: object, cancelled: threading.Event,
                report: Callable[[int, int], None] | None = None) -> dict[str, dict[str, IndexedFile]]:
    """Facts of every lintable file under `folder`, by project root (runs in a worker thread)."""
    from prodlint.config import ConfigError, find_config
    from prodlint.engine import project_root_for
    from prodlint.project import lint_file
    from prodlint.walk import walk

    try:
        base = find_config(folder)
    except ConfigError:
        from prodlint.config import Config

        base = Config()
    paths = [p for p in walk(folder, base) if isinstance(p, str)]
    out: dict[str, dict[str, IndexedFile]] = {}
    for n, path in enumerate(paths):
        if cancelled.is_set():
            break
        if report is not None and n % 100 == 0:
            report(n, len(paths))
        root = project_root_for(path, folder)
        try:
            result = lint_file(path, root, overrides, with_findings=False)  # type: ignore[arg-type]
        except Exception:  # a bad config under this path: its facts are unknown, go on
            continue
        if result.skipped is None:
            out.setdefault(root, {})[path] = IndexedFile(result.facts, result.suppressions, result.content_hash)
    if report is not None:
        report(len(paths), len(paths))
    return out


class WorkspaceIndex:
    def __init__(self) -> None:
        self.folders: list[str] = []
        self.projects: dict[str, Project] = {}
        self.indexed: set[str] = set()  # folders whose scan finished

    def project(self, root: str) -> Project:
        found = self.projects.get(root)
        if found is None:
            found = self.projects[root] = Project(root)
        return found

    def merge_scan(self, scanned: dict[str, dict[str, IndexedFile]]) -> set[str]:
        """Take a folder scan's results; returns the roots whose facts changed."""
        changed = set()
        for root, files in scanned.items():
            project = self.project(root)
            if project.disk != files:
                project.disk.update(files)
                changed.add(root)
        return changed

    def drop_folder(self, folder: str) -> set[str]:
        prefix = folder.rstrip(os.sep) + os.sep
        gone = {r for r in self.projects if r == folder or r.startswith(prefix)}
        for root in gone:
            del self.projects[root]
        self.indexed.discard(folder)
        return gone

    def set_disk(self, root: str, path: str, entry: IndexedFile | None) -> bool:
        project = self.project(root)
        old = project.disk.get(path)
        if entry is None:
            project.disk.pop(path, None)
        else:
            project.disk[path] = entry
        return old != entry and path not in project.overlay

    def set_overlay(self, root: str, path: str, entry: IndexedFile | None) -> bool:
        project = self.project(root)
        before = project.overlay.get(path, project.disk.get(path))
        if entry is None:
            project.overlay.pop(path, None)
        else:
            project.overlay[path] = entry
        after = project.overlay.get(path, project.disk.get(path))
        return before is None or after is None or before.facts != after.facts or \
            before.suppressions != after.suppressions

    def root_of(self, path: str) -> str | None:
        for root, project in self.projects.items():
            if path in project.disk or path in project.overlay:
                return root
        return None

    def recompute(self, root: str, config: Config, engine: object,
                  keep: Callable[[Finding], bool] = lambda f: True) -> set[str]:
        """Re-run the project rules of `root`; returns the files whose project findings changed."""
        project = self.project(root)
        files = project.files()
        facts: list[Fact] = [f for entry in files.values() for f in entry.facts]
        sups = {path: entry.suppressions for path, entry in files.items()}
        found = engine.check_project(root, facts, list(files), config, sups)  # type: ignore[attr-defined]
        by_file: dict[str, list[Finding]] = {}
        for finding in found:
            if keep(finding):
                by_file.setdefault(finding.path, []).append(finding)
        changed = {p for p in set(by_file) | set(project.findings)
                   if by_file.get(p, []) != project.findings.get(p, [])}
        project.findings = by_file
        return changed

    def project_findings(self, path: str) -> list[Finding]:
        out: list[Finding] = []
        for project in self.projects.values():
            out.extend(project.findings.get(path, ()))
        return out

    def files_with_findings(self) -> Iterable[str]:
        for project in self.projects.values():
            yield from project.findings
