"""One parametrized test over every rule's annotated examples (see tests/rule_harness.py)."""

from __future__ import annotations

import warnings

import pytest

from prodlint.registry import all_rules
from rule_harness import Case, discover, examples_dir, run_case

CASES = discover()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_example(case: Case) -> None:
    outcome = run_case(case)
    for note in outcome.todo_notes:
        warnings.warn(f"{case.id}: {note}", stacklevel=1)
    assert not outcome.problems, "\n".join(outcome.problems)


@pytest.mark.parametrize("loaded", all_rules(), ids=[r.rule.code for r in all_rules()])
def test_rule_has_positive_and_negative_examples(loaded) -> None:
    folder = examples_dir(loaded)
    assert folder.is_dir(), f"{loaded.rule.code} has no {folder.name}/"
    totals = [run_case(c) for c in CASES if c.rule.rule.code == loaded.rule.code]
    assert sum(o.expects for o in totals) >= 1, f"{loaded.rule.code}: no `expect:` case"
    assert sum(o.oks for o in totals) >= 1, f"{loaded.rule.code}: no `ok:` look-alike"


@pytest.mark.parametrize("loaded", all_rules(), ids=[r.rule.code for r in all_rules()])
def test_rule_docstring_has_the_fixed_headings(loaded) -> None:
    doc = loaded.rule.doc
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## References"):
        assert heading in doc, f"{loaded.rule.code}: docstring lacks {heading!r}"
    if loaded.rule.fix:
        assert "## Fix safety" in doc, f"{loaded.rule.code}: a fixing rule documents its fix safety"


def test_every_example_file_is_committed() -> None:
    """A case's own .gitignore can hide its .env from git; such files must be force-added."""
    import shutil
    import subprocess
    from pathlib import Path

    repo = Path(__file__).parent.parent
    if not (repo / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    hidden = subprocess.run(["git", "ls-files", "--others", "--ignored", "--exclude-standard", "rules/"],
                            cwd=repo, capture_output=True, text=True, check=True).stdout.split()
    hidden = [p for p in hidden if ".examples/" in p and "__pycache__" not in p]
    assert hidden == [], f"example files git ignores (git add -f them): {hidden}"
