"""The rule contract: scope follows from what a rule defines, contexts are per rule, project fixes
are built when asked for, and the engine's modules import without a cycle."""

from __future__ import annotations

import ast
import subprocess
import sys
import types
from pathlib import Path

import pytest

from prodlint.api import Applicability, Rule, Scope, Severity
from prodlint.lazy_fixes import resolve
from prodlint.project import Overrides, run
from prodlint.registry import _load, all_rules

SERVER = Path(__file__).parent.parent / "server" / "prodlint"


def test_every_rule_declares_the_scope_it_implements():
    for loaded in all_rules():
        implied = Scope.of(loaded.check is not None, loaded.check_project is not None)
        assert loaded.rule.scope is implied, loaded.rule.code


def _module(scope: Scope, **functions) -> types.ModuleType:
    module = types.ModuleType("prodlint_rules.fake")
    module.__doc__ = "## What it does\nNothing."
    module.RULE = Rule(code="TST999", name="fake", category="+", scope=scope, targets=frozenset({"javascript"}),
                       severity=Severity.INFO)
    for name, fn in functions.items():
        setattr(module, name, fn)
    return module


@pytest.mark.parametrize("scope, functions", [
    (Scope.FILE, ("check_project",)),
    (Scope.PROJECT, ("check",)),
    (Scope.FILE, ("check", "check_project")),
    (Scope.PROJECT, ()),
])
def test_a_scope_that_contradicts_the_functions_does_not_load(scope, functions):
    with pytest.raises(ValueError, match="declares scope"):
        _load(_module(scope, **{f: (lambda *a: ()) for f in functions}))


def test_a_rule_defining_both_declares_both():
    loaded = _load(_module(Scope.FILE_AND_PROJECT, check=lambda ctx: (), check_project=lambda p: ()))
    assert loaded.check is not None and loaded.check_project is not None


def test_file_contexts_are_per_rule_and_share_the_file():
    from prodlint.engine import Engine
    from prodlint.parsing import Document

    engine = Engine()
    ctx = engine.context(Document("/p/a.js", "javascript", b"const x = 1;\n"), "/p")
    a, b = ctx.for_rule(all_rules()[0].rule, [(0, {})]), ctx.for_rule(all_rules()[1].rule)
    assert a.file is b.file and a.rule is not b.rule and b.matches == ()
    with pytest.raises(AttributeError):
        a.rule = None  # frozen
    assert a.memo("k", lambda: object()) is b.memo("k", lambda: None)


def test_project_fixes_are_built_only_when_asked(tmp_path):
    (tmp_path / "package.json").write_text('{"dependencies": {"express": "^4.19.2"}}')
    (tmp_path / "server.js").write_text("const express = require('express');\nconst app = express();\n"
                                        "app.listen(3000);\n")
    report = run([str(tmp_path)], Overrides(select=("SIG001",)), jobs=1)
    [finding] = report.findings
    [offer] = finding.fixes
    assert offer.lazy and offer.edits == () and offer.applicability is Applicability.UNSAFE
    [fix] = resolve(finding).fixes
    assert not fix.lazy and fix.title == offer.title
    assert any("process.on('SIGTERM'" in e.text for e in fix.edits)


def test_a_lazy_fix_the_rule_no_longer_offers_is_dropped(tmp_path):
    (tmp_path / "package.json").write_text('{"dependencies": {"express": "^4.19.2"}}')
    server = tmp_path / "server.js"
    server.write_text("const express = require('express');\nconst app = express();\napp.listen(3000);\n")
    [finding] = run([str(tmp_path)], Overrides(select=("SIG001",)), jobs=1).findings
    server.write_text("// gone\n")
    assert resolve(finding).fixes == ()


ENGINE_MODULES = sorted(p.stem for p in SERVER.glob("*.py") if p.stem not in ("__main__",))


@pytest.mark.parametrize("module", ENGINE_MODULES)
def test_each_engine_module_imports_alone(module):
    """A module that only imports when another was imported first is an import cycle."""
    done = subprocess.run([sys.executable, "-c", f"import prodlint.{module}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module} | \
        {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}


def test_what_api_builds_on_never_imports_api():
    """`api` re-exports the contract; the modules it imports never import it back (no cycle)."""
    built_on = [m for m in _imports(SERVER / "api.py") if m.startswith("prodlint.")]
    assert "prodlint.core" in built_on and "prodlint.context" in built_on
    for module in built_on:
        path = SERVER.joinpath(*module.split(".")[1:]).with_suffix(".py")
        assert "prodlint.api" not in _imports(path), f"{module} imports prodlint.api"


RULES = Path(__file__).parent.parent / "rules" / "prodlint_rules"


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call)]


def test_no_rule_module_defines_or_emits_facts():
    """Project knowledge comes from prodlint.facts alone: no rule module (nor a rule's private
    helper) defines `facts` or builds a fact."""
    offenders = []
    for path in sorted(RULES.glob("*.py")):
        tree = ast.parse(path.read_text())
        if any(isinstance(n, (ast.FunctionDef, ast.Assign)) and "facts" in
               ([n.name] if isinstance(n, ast.FunctionDef) else [getattr(t, "id", "") for t in n.targets])
               for n in tree.body):
            offenders.append(f"{path.name}: defines facts")
        for call in _calls(tree):
            func = call.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("fact", "Fact"):
                offenders.append(f"{path.name}:{call.lineno}: builds a fact")
    assert not offenders, offenders


def test_every_kind_a_rule_reads_is_declared():
    from prodlint.facts.kinds import KINDS

    read = set()
    for path in sorted(RULES.glob("*.py")):
        for call in _calls(ast.parse(path.read_text())):
            if isinstance(call.func, ast.Attribute) and call.func.attr in ("facts", "has") and call.args \
                    and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
                read.add((path.name, call.args[0].value))
    assert read, "no rule reads a fact kind by name: the scan above is broken"
    undeclared = sorted(f"{name}: {kind}" for name, kind in read if kind not in KINDS)
    assert not undeclared, undeclared


def test_the_registry_refuses_a_rule_that_defines_facts():
    module = _module(Scope.PROJECT, check_project=lambda p: (), facts=lambda ctx: ())
    with pytest.raises(ValueError, match="defines facts"):
        _load(module)
    assert all(not hasattr(loaded.module, "facts") for loaded in all_rules())


def test_rules_that_report_only_matches_report_nothing_without_one():
    """A rule (or fact extractor) declaring FINDINGS_FROM_MATCHES is skipped on files where its query matched nothing:
    run on every example file of those languages (its own and every other rule's, and
    examples/) with no matches, it must report nothing: the skip hides no finding there."""
    import os

    from prodlint.engine import NODE_INDEX, Engine
    from prodlint.languages import language_for
    from prodlint.parsing import Document
    from prodlint.syntax import seed_node_index
    from prodlint.walk import walk

    from prodlint.registry import fact_extractors

    flagged = [r for r in all_rules() if r.matches_only]
    extractors = [ex for ex in fact_extractors() if ex.matches_only]
    assert len(flagged) >= 8 and len(extractors) >= 2
    engine = Engine()
    rules_dir = Path(__file__).parent.parent / "rules" / "prodlint_rules"
    examples = Path(__file__).parent.parent / "examples"
    files = [p for top in (rules_dir, examples) for p in walk(str(top)) if isinstance(p, str)]
    checked = 0
    for path in files:
        language = language_for(path)
        rules = [r for r in flagged if language in r.matches_only]
        if not rules:
            continue
        doc = Document(path, language, Path(path).read_bytes())
        ctx = engine.context(doc, os.path.dirname(path))
        matches = engine.run_query(doc)
        seed_node_index(ctx, matches.pop(NODE_INDEX, None))
        for loaded in rules:
            assert list(loaded.check(ctx.for_rule(loaded.rule, []))) == [], (loaded.rule.code, path)
            checked += 1
        for ex in extractors:
            if language in ex.matches_only:
                assert list(ex.facts(ctx.for_extractor(()))) == [], (ex.name, path)
                checked += 1
    assert checked > 300


def test_findings_from_matches_needs_a_query():
    module = _module(Scope.FILE, check=lambda ctx: ())
    module.FINDINGS_FROM_MATCHES = True
    with pytest.raises(ValueError, match="FINDINGS_FROM_MATCHES"):
        _load(module)
