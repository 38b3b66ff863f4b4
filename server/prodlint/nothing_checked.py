"""Why a run linted no file at all, so that a typo in a CI path is an error (exit 2) with a reason,
never a green "All checks passed."

The walk's own rules are replayed over the paths asked about, counting each reason a file was
passed over: git ignores it, the configuration excludes it, it sits in a dependency or build
folder, prodlint does not read its kind of file, or it was read and skipped (binary, too big).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence

from prodlint.config import find_config
from prodlint.languages import language_for
from prodlint.walk import ALWAYS_SKIPPED_DIRS, IgnoreStack, Skipped, git_top, ignore_stack_for

CACHE_DIR = ".prodlint_cache"
MAX_ENTRIES = 20_000  # enough to name the reason; a huge tree that yields nothing is rare


def _census(top: str) -> Counter[str]:
    """Counts of files under `top` by the reason the walk passes them over."""
    counts: Counter[str] = Counter()
    config = find_config(top)
    repo = git_top(top)
    base = ignore_stack_for(os.path.dirname(top), repo) if top != repo else IgnoreStack()
    if base.ignored(top, True):
        counts["named-ignored"] += 1
    seen = 0
    todo: list[tuple[str, IgnoreStack, str]] = [(top, base.push(top), "")]
    while todo and seen < MAX_ENTRIES:
        directory, stack, hidden = todo.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError:
            counts["unreadable"] += 1
            continue
        for entry in entries:
            seen += 1
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            path = entry.path
            if is_dir:
                if entry.name == CACHE_DIR:
                    continue
                reason = hidden
                if not reason and (entry.name in ALWAYS_SKIPPED_DIRS or entry.name.endswith(".egg-info")):
                    reason = "skipped-dir"
                elif not reason and stack.ignored(path, True):
                    reason = "gitignored"
                elif not reason and config.is_excluded(path + "/"):
                    reason = "excluded"
                todo.append((path, stack if reason == "skipped-dir" else stack.push(path), reason))
                continue
            if not language_for(entry.name):
                counts["unsupported"] += 1
                counts["ext:" + (os.path.splitext(entry.name)[1] or entry.name)] += 1
            elif hidden:
                counts[hidden] += 1
            elif stack.ignored(path, False):
                counts["gitignored"] += 1
            elif config.is_excluded(path):
                counts["excluded"] += 1
            else:
                counts["readable"] += 1
    return counts


def explain(paths: Sequence[str], skipped: Sequence[Skipped]) -> str:
    """One sentence saying why nothing under `paths` was linted."""
    where = ", ".join(paths)
    if skipped:
        reasons = Counter(s.reason.split(" (")[0] for s in skipped)
        said = "; ".join(f"{n} {reason}" for reason, n in reasons.most_common(3))
        return f"no file was checked in {where}: every file prodlint reads was skipped ({said}; see --verbose)"
    counts: Counter[str] = Counter()
    for path in paths:
        top = os.path.abspath(path)
        if os.path.isfile(top):
            counts["unsupported-file"] += 0 if language_for(top) else 1
            continue
        counts.update(_census(top))
    parts = []
    if counts["gitignored"]:
        parts.append(f"{counts['gitignored']} ignored by .gitignore")
    if counts["excluded"]:
        parts.append(f"{counts['excluded']} excluded by the configuration (exclude)")
    if counts["skipped-dir"]:
        parts.append(f"{counts['skipped-dir']} in dependency or build folders (node_modules, dist, …)")
    if counts["unsupported"] or counts["unsupported-file"]:
        exts = [k[4:] for k, _ in counts.most_common() if k.startswith("ext:")][:5]
        n = counts["unsupported"] + counts["unsupported-file"]
        shown = f" ({', '.join(exts)})" if exts else ""
        parts.append(f"{n} of a kind prodlint does not read{shown}")
    if not parts:
        return f"no file was checked in {where}: it holds no files"
    return (f"no file was checked in {where}: " + "; ".join(parts) +
            ". prodlint reads .js/.jsx/.mjs/.cjs/.ts/.tsx/.py, package.json and other .json, Dockerfiles, "
            ".env files, .gitignore, Procfiles and docker-compose files")
