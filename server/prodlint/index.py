"""The project index: every file's facts and suppressions by project root, the open buffers
laid over the disk, and the project findings. The CLI (`prodlint.project.run`) fills it once from
a scan; the language server keeps it alive and updates one file at a time. Both read project
findings from it, filtered here, once, by the config that governs each finding's file.

Only facts and suppressions are kept per file, never trees. Project rules are pure functions of
a root's facts, so after an edit only that root is re-checked, and only the files whose project
findings changed need publishing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prodlint.config import Config
    from prodlint.core import Fact, Finding
    from prodlint.engine import Engine
    from prodlint.suppress import Suppressions


@dataclass(frozen=True)
class IndexedFile:
    """What the project rules need of one file."""

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


class ProjectIndex:
    """Projects by root. `config_for(path)` is the config that governs a file (nearest config
    file, with command-line or editor overrides)."""

    def __init__(self, config_for: Callable[[str], Config]) -> None:
        self.config_for = config_for
        self.projects: dict[str, Project] = {}

    def project(self, root: str) -> Project:
        found = self.projects.get(root)
        if found is None:
            found = self.projects[root] = Project(root)
        return found

    def merge_scan(self, scanned: dict[str, dict[str, IndexedFile]]) -> set[str]:
        """Take a scan's results (root -> path -> entry); returns the roots whose facts changed."""
        changed = set()
        for root, files in scanned.items():
            project = self.project(root)
            if project.disk != files:
                project.disk.update(files)
                changed.add(root)
        return changed

    def drop_under(self, folder: str) -> set[str]:
        """Forget the projects at or under `folder`; returns their roots."""
        prefix = folder.rstrip(os.sep) + os.sep
        gone = {r for r in self.projects if r == folder or r.startswith(prefix)}
        for root in gone:
            del self.projects[root]
        return gone

    def set_disk(self, root: str, path: str, entry: IndexedFile | None) -> bool:
        """A file on disk changed (None: deleted); whether its project must be re-checked."""
        project = self.project(root)
        old = project.disk.get(path)
        if entry is None:
            project.disk.pop(path, None)
        else:
            project.disk[path] = entry
        return old != entry and path not in project.overlay

    def set_overlay(self, root: str, path: str, entry: IndexedFile | None) -> bool:
        """An open buffer's facts (None: closed, the disk applies again); whether its project must
        be re-checked."""
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

    def recompute(self, root: str, engine: Engine, errors: list[str] | None = None) -> set[str]:
        """Re-run the project rules of `root`; returns the files whose project findings changed.
        A finding is kept when its own file's config enables its rule and does not ignore it for
        that file (per-file ignores)."""
        project = self.project(root)
        files = project.files()
        facts: list[Fact] = [f for entry in files.values() for f in entry.facts]
        sups = {path: entry.suppressions for path, entry in files.items()}
        # a config applies to the files of its directory: the root's governs the project rules
        found = engine.check_project(root, facts, list(files), self.config_for(os.path.join(root, "-")), sups,
                                     errors)
        by_file: dict[str, list[Finding]] = {}
        governing: dict[str, tuple[Config, frozenset[str]]] = {}  # a file's findings share its config
        for finding in found:
            path = finding.path
            known = governing.get(path)
            if known is None:
                config = self.config_for(path)
                known = governing[path] = (config, config.ignored_for_file(path))
            if known[0].enabled(finding.code) and finding.code not in known[1]:
                by_file.setdefault(path, []).append(finding)
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
