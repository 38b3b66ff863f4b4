"""The query a keystroke runs: the combined query without the fact extractors' patterns.

A region re-lint (`OpenDocument.lint` after an edit) runs only the file rules over the dirty
region; facts and the node index are rebuilt by the full lint when the document settles. The
extractors' patterns cost most of a region query all the same: one rooted at the file's root
(`(module (expression_statement (assignment …)))`, Python's `DEBUG = …`) stays in progress
from the root and makes the cursor walk every top-level statement of the file, inside the
region or not (2 ms of a 5,000-line Python file's 2.2 ms region query; 0.03 ms without).

This is a private copy of the engine's combined query (`engine.combined_query`) with every
pattern that no file rule owns disabled, so pattern numbers, owners and `dispatch` are the
engine's own and each rule gets exactly the matches the shared query would give it.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

import tree_sitter as ts

if TYPE_CHECKING:
    from prodlint.core import Match
    from prodlint.engine import CombinedQuery, Engine
    from prodlint.parsing import Document

log = logging.getLogger("prodlint.lsp")


def region_matches(engine: Engine, doc: Document, region: tuple[int, int]) -> dict[str, list[Match]]:
    """The file rules' matches in `region` (what `engine.run_query(doc, region)` gives them)."""
    from prodlint.engine import NODE_INDEX
    from prodlint.languages import GRAMMAR_LANGUAGES

    if doc.tree is None or doc.language not in GRAMMAR_LANGUAGES:
        return {}
    query = rules_query(engine, doc.language)
    if query is None:
        return engine.run_query(doc, region)
    cursor = ts.QueryCursor(query.query)
    cursor.set_byte_range(region[0], region[1])
    found = query.dispatch(cursor.matches(doc.tree.root_node))
    found.pop(NODE_INDEX, None)
    return found


def rules_query(engine: Engine, language: str) -> CombinedQuery | None:
    return _rules_query(language, frozenset(r.rule.code for r in engine.rules if r.query))


@lru_cache(maxsize=None)
def _rules_query(language: str, rule_codes: frozenset[str]) -> CombinedQuery | None:
    """The copy with only `rule_codes`' patterns enabled; None when it cannot be made to line up
    with the shared query pattern for pattern (the caller then runs the shared one)."""
    from prodlint.engine import combined_query, fresh_copy

    shared = combined_query(language)
    if shared is None:
        return None
    try:
        copy = fresh_copy(shared, language)
    except Exception as exc:  # the shared query is always right
        log.info("keystroke query for %s unavailable (%s): using the full one", language, exc)
        return None
    if not _same_layout(copy, shared.query):
        return None
    for pattern in range(copy.pattern_count):
        if 0 <= shared.index_pattern <= pattern or \
                shared.owners[bisect_right(shared.starts, pattern) - 1].key not in rule_codes:
            copy.disable_pattern(pattern)
    return replace(shared, query=copy)


def _same_layout(a: ts.Query, b: ts.Query) -> bool:
    return a.pattern_count == b.pattern_count and all(
        a.start_byte_for_pattern(p) == b.start_byte_for_pattern(p) for p in range(a.pattern_count))
