"""rules/README.md is generated from the rules and must be current."""

from pathlib import Path

from prodlint.rules_readme import render


def test_rules_readme_is_current():
    committed = (Path(__file__).parent.parent / "rules" / "README.md").read_text()
    assert committed == render(), "rules/README.md is stale: run `python -m prodlint.rules_readme > rules/README.md`"
