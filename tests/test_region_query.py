"""The keystroke query (`prodlint.lsp.region_query`) gives every file rule exactly the matches the
engine's shared query gives it over the same region, on every rule example file."""

from __future__ import annotations

import random
from pathlib import Path

from prodlint.engine import NODE_INDEX, Engine
from prodlint.languages import GRAMMAR_LANGUAGES, language_for
from prodlint.lsp.region_query import region_matches, rules_query
from prodlint.parsing import Document

RULES = Path(__file__).resolve().parent.parent / "rules" / "prodlint_rules"


def _key(found: dict, codes: set[str]) -> dict:
    return {code: sorted((pattern, tuple(sorted((name, tuple((n.start_byte, n.end_byte) for n in nodes))
                                                for name, nodes in caps.items())))
                         for pattern, caps in matches)
            for code, matches in found.items() if code in codes and code != NODE_INDEX}


def test_keystroke_query_matches_the_shared_query_for_every_rule():
    engine = Engine()
    codes = {r.rule.code for r in engine.rules if r.query}
    rng = random.Random(7)
    files = sorted(p for p in RULES.rglob("*") if p.is_file() and language_for(p.name) in GRAMMAR_LANGUAGES)
    assert len(files) > 100
    compared = 0
    for path in files:
        doc = Document(str(path), language_for(path.name), path.read_bytes())
        if doc.tree is None or rules_query(engine, doc.language) is None:
            continue
        size = len(doc.source)
        for _ in range(4):
            start = rng.randrange(0, size + 1)
            region = (start, min(size, start + rng.randrange(1, 400)))
            assert _key(region_matches(engine, doc, region), codes) == \
                _key(engine.run_query(doc, region), codes), (path.name, region)
            compared += 1
    assert compared > 400
