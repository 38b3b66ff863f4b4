"""The VS Code package's launcher (editors/vscode/bundled/tool/serve.py) picks py-tree-sitter's
core by the running Python's version and says clearly when the package has none for it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

LAUNCHER = Path(__file__).resolve().parents[2] / "editors" / "vscode" / "bundled" / "tool" / "serve.py"
TAG = "cp%d%d" % sys.version_info[:2]


def layout(tmp_path: Path, cores: list[str]) -> Path:
    """A package tree: bundled/tool/serve.py, bundled/libs/common (a stand-in prodlint) and cores."""
    tool = tmp_path / "bundled" / "tool"
    tool.mkdir(parents=True)
    shutil.copy(LAUNCHER, tool / "serve.py")
    cli = tmp_path / "bundled" / "libs" / "common" / "prodlint"
    cli.mkdir(parents=True)
    (cli / "__init__.py").write_text("")
    (cli / "cli.py").write_text(
        "import sys\n"
        "def main(argv):\n"
        "    import tree_sitter_marker\n"
        "    print('args', argv, 'core', tree_sitter_marker.TAG)\n"
        "    return 0\n")
    for tag in cores:
        core = tmp_path / "bundled" / "libs" / tag
        core.mkdir(parents=True)
        (core / "tree_sitter_marker.py").write_text(f"TAG = {tag!r}\n")
    return tool / "serve.py"


def run(script: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-I", str(script), *args], capture_output=True, text=True, timeout=60)


def test_picks_the_core_for_this_python(tmp_path):
    script = layout(tmp_path, ["cp310", TAG, "cp399"])
    out = run(script, "serve")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"args ['serve'] core {TAG}"


def test_no_core_for_this_python_is_a_clear_error(tmp_path):
    other = "cp310" if TAG != "cp310" else "cp311"
    script = layout(tmp_path, [other])
    out = run(script, "serve")
    assert out.returncode == 3
    assert f"no tree-sitter build for cpython {sys.version_info[0]}.{sys.version_info[1]}" in out.stderr
    assert f"it carries {other}" in out.stderr
