"""JSON nested too deeply for Python's parser, where prodlint reads JSON out of a project's files
(package.json, railway.json, a Dockerfile's exec-form CMD): the file is taken as not what was
looked for, with no traceback and no rule reported as failed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEEP = "[" * 200_000 + "]" * 200_000


def test_deeply_nested_json_is_not_a_crash(tmp_path):
    (tmp_path / "package.json").write_text('{"name": "x", "dependencies": {"express": "4"}, "a": ' + DEEP + "}")
    (tmp_path / "railway.json").write_text(DEEP)
    (tmp_path / "Dockerfile").write_text(f"FROM node:20\nCMD {DEEP}\n")
    (tmp_path / "server.js").write_text('const express = require("express");\nconst app = express();\n'
                                        "app.listen(3000);\n")
    proc = subprocess.run([sys.executable, "-m", "prodlint", "check", "--no-cache", "--format", "json", "."],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr and "failed on" not in proc.stderr, proc.stderr
    assert '"path": "server.js"' in proc.stdout  # the rest of the project is still checked
