"""Tests, scripts and examples get a query of only the owners the engine runs on them (no runtime
rule or extractor, no node index): what the engine makes of such a file is what the full query
and every extractor of its language make of it, so the smaller query loses nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from prodlint.config import Config
from prodlint.core import FileRole
from prodlint import engine as engine_module
from prodlint.engine import NODE_INDEX, Engine, combined_query, finalize, project_root_for
from prodlint.languages import GRAMMAR_LANGUAGES, language_for
from prodlint.parsing import Document
from prodlint.registry import all_rules, fact_extractors
from prodlint.syntax import seed_node_index
from prodlint.walk import walk

REPO = Path(__file__).parent.parent
EXAMPLE_ROOTS = [REPO / "examples"] + sorted((REPO / "rules" / "prodlint_rules").glob("*.examples"))
ROLES = [FileRole(non_production=True), FileRole(test=True, non_production=True),
         FileRole(non_production=True, client=True)]


def _grammar_files() -> list[str]:
    out = []
    for top in EXAMPLE_ROOTS:
        out += [p for p in walk(str(top), Config()) if isinstance(p, str) and language_for(p) in GRAMMAR_LANGUAGES]
    return out


def _with_the_full_query(engine: Engine, path: str, role: FileRole):
    """Facts and findings as every owner makes them from the full query's matches: each
    extractor of the language runs, runtime or not, with the node index seeded."""
    language = language_for(path)
    doc = Document(path, language, Path(path).read_bytes())
    root = project_root_for(path)
    ctx = engine.context(doc, root, role)
    matches = engine.run_query(doc)
    seed_node_index(ctx, matches.pop(NODE_INDEX, None))
    facts = []
    for ex in fact_extractors():
        if language in ex.targets:
            facts += ex.facts(ctx.for_extractor(matches.get(f"facts:{ex.name}", [])))
    findings = engine.check_file(ctx, matches, Config())
    return root, tuple(dict.fromkeys(facts)), findings


@pytest.mark.parametrize("role", ROLES, ids=["non-production", "test", "client-script"])
def test_a_non_production_file_gets_what_the_full_query_gives(role, monkeypatch):
    monkeypatch.setattr(engine_module, "NON_PRODUCTION_QUERY_AFTER", 0)  # the smaller query from the first file
    engine = Engine()
    files = _grammar_files()
    assert len(files) > 100
    facts_seen = findings_seen = 0
    for path in files:
        root, facts, findings = _with_the_full_query(engine, path, role)
        doc = Document(path, language_for(path), Path(path).read_bytes())
        result = Engine().lint_document(doc, root, Config(), role=role)
        assert result.facts == facts, path
        assert result.findings == finalize(findings, Config(), {path: result.suppressions}), path
        facts_seen += len(facts)
        findings_seen += len(result.findings)
    assert facts_seen and findings_seen  # the comparison covered some of each


def test_the_non_production_query_holds_no_runtime_owner():
    runtime = {r.rule.code for r in all_rules() if r.rule.runtime} | {
        f"facts:{ex.name}" for ex in fact_extractors() if ex.runtime}
    for language in sorted(GRAMMAR_LANGUAGES):
        full, smaller = combined_query(language), combined_query(language, non_production=True)
        if full is None:
            continue
        assert smaller is not None and smaller.query.pattern_count < full.query.pattern_count, language
        kept = {o.key for o in smaller.owners}
        assert kept and not kept & runtime, language
        assert kept == {o.key for o in full.owners} - runtime, language
        assert smaller.index_pattern == -1  # the index is built from its own query when asked


def test_a_runtime_extractor_is_not_run_on_non_production_files():
    engine = Engine()
    for language in sorted(GRAMMAR_LANGUAGES):
        production = {ex.name for ex, _, _ in engine._extractors_for(language, False)}
        elsewhere = {ex.name for ex, _, _ in engine._extractors_for(language, True)}
        assert elsewhere == {name for name in production if not next(
            ex for ex in fact_extractors() if ex.name == name).runtime}, language
    assert "env_nextjs" in {ex.name for ex, _, _ in engine._extractors_for("javascript", True)}


def test_the_smaller_query_comes_once_enough_tests_were_linted(monkeypatch):
    """A few small tests are linted with the full query (compiling a second one would cost more
    than it saves); past the threshold, with their own."""
    monkeypatch.setattr(engine_module, "NON_PRODUCTION_QUERY_AFTER", 1000)
    source = b"const app = require('express')();\napp.listen(3000);\nconsole.log('x');\n" * 8  # 568 bytes
    engine = Engine()
    test, production = FileRole(test=True, non_production=True), FileRole()
    runtime_owners = {"facts:node", "facts:console_calls"}

    def owners(role: FileRole) -> set[str]:
        return set(engine.file_matches(Document("/p/t.test.js", "javascript", source), role))

    assert runtime_owners <= owners(test)  # 568 bytes seen: the full query
    assert runtime_owners <= owners(production)  # production files never count
    assert not runtime_owners & owners(test)  # 1,136 bytes: the smaller one
    assert runtime_owners <= owners(production)
    assert NODE_INDEX not in owners(test)
