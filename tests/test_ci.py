"""CI and commit-time use: `--diff BASE`, the GitLab Code Quality format, and the pre-commit hooks
run by `pre-commit try-repo` on a sample repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from prodlint.cli import main

REPO = Path(__file__).parent.parent
STRIPE = "sk_live_9QzXb4nW2vT8kLmP3rQ7sYe"

# What GitLab reads from a Code Quality report (docs: ci/testing/code_quality, "Code Quality report
# format"): an array of issues with these fields; severity from this list.
GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def init_repo(path: Path, files: dict[str, str]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.email", "dev@example.com")
    git(path, "config", "user.name", "dev")
    for rel, text in files.items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_text(text)
    git(path, "add", ".")
    git(path, "commit", "-q", "-m", "start")
    return path


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def cli_process(cwd: Path, *args: str) -> tuple[int, str, str]:
    """`prodlint` in a process of its own, as a CI job runs it (no state from other tests)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "server"), str(REPO / "rules"),
                                                       os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.run([sys.executable, "-m", "prodlint", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


# ---------------------------------------------------------------- --diff

def test_diff_keeps_only_findings_on_changed_lines(tmp_path, monkeypatch, capsys):
    repo = init_repo(tmp_path / "r", {
        "app.js": 'const A = "http://localhost:3000";\nconst B = 1;\nconst C = "http://localhost:3001";\n',
        "old.js": 'const D = "http://localhost:3002";\n',
    })
    monkeypatch.chdir(repo)
    (repo / "app.js").write_text('const A = "http://localhost:3000";\nconst B = "http://localhost:4000";\n'
                                 'const C = "http://localhost:3001";\n')
    (repo / "new.js").write_text('const E = "http://localhost:5000";\n')  # untracked: every line is new
    head_before = git(repo, "rev-parse", "HEAD")
    status_before = git(repo, "status", "--porcelain")
    code, out, _ = cli_process(repo, "check", "--no-cache", "--diff", "HEAD", "--format", "json", ".")
    assert code == 1
    assert sorted((d["path"], d["line"]) for d in json.loads(out)) == [("app.js", 2), ("new.js", 1)]
    assert git(repo, "rev-parse", "HEAD") == head_before and git(repo, "status", "--porcelain") == status_before
    # staged and committed changes since an older ref count too
    git(repo, "add", "new.js")
    git(repo, "commit", "-q", "-m", "more")
    code, out, _ = cli_process(repo, "check", "--no-cache", "--diff", "HEAD~1", "--format", "json", ".")
    assert sorted((d["path"], d["line"]) for d in json.loads(out)) == [("app.js", 2), ("new.js", 1)]
    code, out, _ = cli_process(repo, "check", "--no-cache", "--diff", "HEAD", "--format", "json", ".")
    assert [(d["path"], d["line"]) for d in json.loads(out)] == [("app.js", 2)]


def test_diff_errors_are_usage_errors(tmp_path, monkeypatch, capsys):
    repo = init_repo(tmp_path / "r", {"app.js": "export const x = 1;\n"})
    monkeypatch.chdir(repo)
    code, _, err = cli(capsys, "check", "--no-cache", "--diff", "no-such-ref", ".")
    assert code == 2 and "Traceback" not in err
    outside = tmp_path / "plain"
    outside.mkdir()
    (outside / "a.js").write_text("export const x = 1;\n")
    monkeypatch.chdir(outside)
    code, _, err = cli(capsys, "check", "--no-cache", "--diff", "HEAD", ".")
    assert code == 2 and "not a git repository" in err.lower()


# ---------------------------------------------------------------- GitLab Code Quality

def test_gitlab_code_quality_shape(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.js").write_text('const A = "http://localhost:3000";\nconst B = "http://localhost:3000";\n'
                                     f'const KEY = "{STRIPE}";\n')
    code, out, _ = cli(capsys, "check", "--no-cache", "--format", "gitlab", ".")
    assert code == 1
    issues = json.loads(out)
    jsonschema.Draft7Validator(GITLAB_SCHEMA).validate(issues)
    assert {i["check_name"] for i in issues} >= {"URL001", "SEC001"}
    assert len({i["fingerprint"] for i in issues}) == len(issues)  # two identical messages, two issues
    assert next(i for i in issues if i["check_name"] == "SEC001")["severity"] == "critical"
    assert STRIPE not in out
    # the fingerprint does not move with the line
    before = {i["fingerprint"] for i in issues if i["check_name"] == "SEC001"}
    (tmp_path / "app.js").write_text("\n\n" + (tmp_path / "app.js").read_text())
    _, out, _ = cli(capsys, "check", "--no-cache", "--format", "gitlab", ".")
    assert {i["fingerprint"] for i in json.loads(out) if i["check_name"] == "SEC001"} == before
    # a clean tree is an empty array
    (tmp_path / "app.js").write_text("export const x = 1;\n")
    code, out, _ = cli(capsys, "check", "--no-cache", "--format", "gitlab", ".")
    assert code == 0 and json.loads(out) == []


# ---------------------------------------------------------------- pre-commit

@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed (pip install '.[test]')")
def test_pre_commit_hooks_with_try_repo(tmp_path):
    sample = init_repo(tmp_path / "sample", {
        "package.json": '{ "name": "shop", "version": "1.0.0" }\n',
        "lib.js": "export const x = 1;\n",
        ".env": f"STRIPE_SECRET_KEY={STRIPE}\n",
        "notes.md": "# notes\n",
        ".gitignore": "node_modules/\n",
    })
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def try_repo(hook: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["pre-commit", "try-repo", str(REPO), hook, "--all-files"], cwd=sample, env=env,
                              capture_output=True, text=True, timeout=900)

    found = try_repo("prodlint")
    assert found.returncode == 1, found.stdout + found.stderr
    assert ".env:1:1: SEC003 [*] dotenv-not-ignored" in found.stdout and STRIPE not in found.stdout
    fixed = try_repo("prodlint-fix")
    assert fixed.returncode == 1  # the hook modified .gitignore
    assert "files were modified by this hook" in fixed.stdout and "Fixed 1 problem." in fixed.stdout, fixed.stdout
    assert ".env*" in (sample / ".gitignore").read_text()
    git(sample, "add", ".gitignore")
    clean = try_repo("prodlint")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
