"""The language server's view of the project index (`prodlint.index`): the workspace folders it
covers, and the background scan that fills it.

A workspace folder is scanned once in a worker thread (gitignore-aware, skipping dependencies and
build output); open buffers then overlay the disk (the editor's text wins) and file events update
single files. The CLI fills the same `ProjectIndex` from its own run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from prodlint.index import IndexedFile, Project, ProjectIndex

__all__ = ["IndexedFile", "Project", "WorkspaceIndex", "scan_folder"]


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


class WorkspaceIndex(ProjectIndex):
    """The project index of the workspace folders."""

    def __init__(self, config_for: Callable[[str], object]) -> None:
        super().__init__(config_for)  # type: ignore[arg-type]
        self.folders: list[str] = []
        self.indexed: set[str] = set()  # folders whose scan finished

    def drop_folder(self, folder: str) -> set[str]:
        self.indexed.discard(folder)
        return self.drop_under(folder)
