"""`prodlint doctor` and `prodlint --version`: the facts a bug report needs, from a real run."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

from prodlint import __version__


def run(*args: str, cwd: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "prodlint", *args], capture_output=True, text=True,
                          timeout=60, cwd=cwd, env=env)


def test_version():
    out = run("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"prodlint {__version__}"


def test_doctor_reports_python_grammars_config_and_editors(tmp_path):
    app = tmp_path / "app"
    (app / "src").mkdir(parents=True)
    (tmp_path / "prodlint.toml").write_text('ignore = ["URL001"]\n')
    (app / "pyproject.toml").write_text("[project]\nname = 'app'\n")  # no [tool.prodlint]: skipped
    env = {**os.environ, "PRODLINT_SERVER_CMD": "my-server --stdio"}
    out = run("doctor", str(app / "src"), env=env)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert f"prodlint {__version__}" in text
    assert f"Python {platform.python_version()}" in text
    for grammar in ("tree-sitter-javascript", "tree-sitter-typescript", "tree-sitter-python", "tree-sitter-json"):
        line = next(line for line in text.splitlines() if grammar in line)
        assert "grammar ABI 1" in line, line
    assert f"{app / 'pyproject.toml'} (no [tool.prodlint]: not used)" in text
    assert f"in effect: {tmp_path / 'prodlint.toml'}" in text
    assert "1. PRODLINT_SERVER_CMD: my-server --stdio" in text
    assert "without settings: PRODLINT_SERVER_CMD" in text
    assert 'Neovim plugin (default cmd = { "prodlint", "serve" })' in text


def test_doctor_names_a_bad_config_instead_of_failing(tmp_path):
    (tmp_path / "prodlint.toml").write_text("select = [\n")
    out = run("doctor", str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert f"{tmp_path / 'prodlint.toml'}: ERROR" in out.stdout
