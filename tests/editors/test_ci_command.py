"""CI runs exactly the README's test command, and that command needs nothing beside the clone."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def readme_test_command() -> str:
    setup = REPO.joinpath("README.md").read_text().split("## Set up", 1)[1].split("\n## ", 1)[0]
    (line,) = [line for line in setup.splitlines() if "# every test (what CI runs)" in line]
    return line.split("#", 1)[0].strip()


def test_ci_runs_the_readme_test_command():
    ci = REPO.joinpath(".ci", "run").read_text().splitlines()
    commands = [line for line in ci if line and not line.startswith("#") and not line.startswith(("set ", "cd "))]
    assert commands == [readme_test_command()]


def test_the_editor_tests_live_in_the_repository():
    ci_sh = REPO.joinpath("editors", "ci.sh").read_text()
    assert "shared" not in ci_sh
    for script in re.findall(r'"\$harness/([\w./-]+)"', ci_sh):
        assert (REPO / "tests" / "editors" / script).is_file(), script
    assert "SKIP=emacs" not in readme_test_command()
