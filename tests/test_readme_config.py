"""The configuration the README shows works as written: its `ignore = ["LOG001"]` silences
console-logging findings in a server project and nothing else."""

from __future__ import annotations

import json
import re
from pathlib import Path

from prodlint.cli import main

REPO = Path(__file__).parent.parent

SERVER = """const express = require("express");

const app = express();
app.get("/users", (req, res) => res.json([]));
app.listen(3000, () => console.log("listening on 3000"));
"""
PACKAGE = {"name": "api", "dependencies": {"express": "^4.21.0"}}


def readme_config() -> str:
    readme = (REPO / "README.md").read_text()
    block = re.search(r"## Configuration.*?```toml\n(.*?)```", readme, re.S)
    assert block is not None, "README.md has no ```toml block under ## Configuration"
    return block.group(1)


def codes(tmp_path: Path, capsys) -> list[str]:
    main(["check", "--format", "json", str(tmp_path)])
    return sorted(f["code"] for f in json.loads(capsys.readouterr().out))


def write_project(root: Path) -> Path:
    root.mkdir()
    (root / "server.js").write_text(SERVER)
    (root / "package.json").write_text(json.dumps(PACKAGE, indent=2))
    return root


def test_readme_ignore_example_silences_console_logging(tmp_path, capsys):
    before = codes(write_project(tmp_path / "plain"), capsys)
    assert "LOG001" in before
    config = readme_config()
    assert 'ignore = ["LOG001"]' in config
    configured = write_project(tmp_path / "configured")
    (configured / "prodlint.toml").write_text(config)
    after = codes(configured, capsys)
    assert "LOG001" not in after
    assert after == [c for c in before if c != "LOG001"]
