"""`prodlint.facts.ci`: the commands CI pipelines run, read line by line from each pipeline's
own layout, with the folder each runs in (relative to the project root)."""

from __future__ import annotations

from pathlib import Path

from prodlint.project import lint_file


def _commands(tmp_path: Path, rel: str, text: str) -> list[tuple[int, str, str]]:
    path = tmp_path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    result = lint_file(str(path), str(tmp_path))
    assert result.skipped is None
    return [(f.span.start_point[0] + 1, f.value, f.get("directory")) for f in result.facts if f.kind == "ci_command"]


GITHUB = """\
name: release
on: push
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - name: Check translations
        run: node extra/check-lang.js   # a trailing comment
      - name: Build the site
        working-directory: site
        run: |
          npm run build
          # a comment line
          node tools/sitemap.mjs --out dist
      - run: node tools/stats.js
        working-directory: "stats"
      - name: no directory of the step before
        run: node tools/after.js
      - run: >-
          cd web && node bin/check.js
"""


def test_github_steps(tmp_path: Path) -> None:
    assert _commands(tmp_path, ".github/workflows/release.yml", GITHUB) == [
        (8, "npm ci", ""),
        (10, "node extra/check-lang.js", ""),
        (14, "npm run build", "site"),
        (16, "node tools/sitemap.mjs --out dist", "site"),
        (17, "node tools/stats.js", "stats"),
        (20, "node tools/after.js", ""),
        (22, "node bin/check.js", "web"),
    ]


def test_a_workflow_of_a_nested_folder_runs_from_the_checkout(tmp_path: Path) -> None:
    """The project root is the checkout's subfolder `app`? No: a workflow's commands run from the
    folder holding `.github`, named relative to the project root the file is linted under."""
    path = tmp_path / "repo" / ".github" / "workflows" / "ci.yml"
    path.parent.mkdir(parents=True)
    path.write_text("jobs:\n  a:\n    steps:\n      - run: node tools/x.js\n        working-directory: api\n")
    facts = [f for f in lint_file(str(path), str(tmp_path)).facts if f.kind == "ci_command"]
    assert [(f.value, f.get("directory")) for f in facts] == [("node tools/x.js", "repo/api")]


GITLAB = """\
stages: [test]
lint:
  before_script: ["npm ci", 'node tools/prepare.js']
  script:
    - node tools/lint-locales.js
    - "node tools/check.mjs"  # quoted
  after_script: node tools/report.js
  variables:
    - NOT_A_COMMAND: 1
"""


def test_gitlab_lists_and_scalars(tmp_path: Path) -> None:
    assert _commands(tmp_path, ".gitlab-ci.yml", GITLAB) == [
        (3, "npm ci", ""), (3, "node tools/prepare.js", ""),
        (5, "node tools/lint-locales.js", ""), (6, "node tools/check.mjs", ""),
        (7, "node tools/report.js", ""),
    ]


CIRCLE = """\
version: 2.1
jobs:
  build:
    steps:
      - checkout
      - run:
          name: Check
          command: |
            node scripts/check.js
            node tools/verify.js
"""


def test_circleci_run_mappings(tmp_path: Path) -> None:
    assert _commands(tmp_path, ".circleci/config.yml", CIRCLE) == [
        (9, "node scripts/check.js", ""), (10, "node tools/verify.js", ""),
    ]


def test_other_yaml_gives_no_commands(tmp_path: Path) -> None:
    """A compose file's `command:` is a container's, not a pipeline's: only CI files are read."""
    path = tmp_path / "docker-compose.yml"
    path.write_text("services:\n  web:\n    command: node server.js\n")
    assert not [f for f in lint_file(str(path), str(tmp_path)).facts if f.kind == "ci_command"]


def test_a_long_flat_file_is_read_in_one_pass(tmp_path: Path) -> None:
    """Each key's working directory comes from one pass over the file, not a search of the lines
    around it: 20,000 sibling keys of one mapping (which a search would read 20,000 times each)."""
    text = "steps:\n  - name: all\n    working-directory: app\n" + "    run: node a.js\n" * 20_000
    found = _commands(tmp_path, ".github/workflows/flat.yml", text)
    assert len(found) == 20_000 and {(value, folder) for _, value, folder in found} == {("node a.js", "app")}
