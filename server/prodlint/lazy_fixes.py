"""Building a project finding's fixes when they are asked for.

A project rule's `check_project` anchors its finding on a fact and offers its fixes by title
(`ProjectContext.offer`, `Fix.lazy`); its `fix(ctx, finding)` builds them from the anchored
file's tree. That happens only at `--fix` (through `fixes.plan`) or at LSP `codeAction/resolve`,
so checking a project never parses a file twice and facts hold no edits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from prodlint.core import Finding, Fix

log = logging.getLogger("prodlint")

#: how a caller gives a file's current bytes (the open buffer in the editor, else the disk); None: unreadable
Reader = Callable[[str], "bytes | None"]


def read_disk(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def has_lazy(finding: Finding) -> bool:
    return any(f.lazy for f in finding.fixes)


def resolve(finding: Finding, read: Reader = read_disk) -> Finding:
    """`finding` with its lazy fixes built by its rule's `fix(ctx, finding)` against the file as
    `read` gives it; an offer the rule no longer makes (the file changed) is dropped."""
    if not has_lazy(finding):
        return finding
    built = {f.title: f for f in _build(finding, read)}
    fixes = tuple(built[f.title] if f.lazy else f for f in finding.fixes if not f.lazy or f.title in built)
    return replace(finding, fixes=fixes)


def _build(finding: Finding, read: Reader) -> list[Fix]:
    from prodlint.engine import project_root_for
    from prodlint.languages import language_for
    from prodlint.parsing import Document
    from prodlint.registry import find_rule

    loaded = find_rule(finding.code)
    language = language_for(finding.path)
    if loaded is None or loaded.fix is None or language is None:
        return []
    source = read(finding.path)
    if source is None:
        log.info("%s: cannot read %s to build its fix", finding.code, finding.path)
        return []
    try:
        doc = Document(finding.path, language, source)
        root = finding.get("root") or project_root_for(finding.path)
        ctx = _engine().context(doc, root).for_rule(loaded.rule)
        made = loaded.fix(ctx, finding)
        fixes = [made] if isinstance(made, Fix) else list(made or ())
        return [f for f in fixes if f is not None and not f.lazy]
    except Exception as exc:  # a broken fix must not take the linter down
        log.error("fix of %s failed on %s: %s: %s", finding.code, finding.path, type(exc).__name__, exc)
        return []


_shared: list = []


def _engine():
    from prodlint.engine import Engine

    if not _shared:
        _shared.append(Engine())
    return _shared[0]
