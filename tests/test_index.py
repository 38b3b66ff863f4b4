"""The project index shared by the CLI and the language server: disk + open-buffer overlay +
project findings, filtered once by the config of each finding's file."""

from __future__ import annotations

from pathlib import Path

from prodlint.config import Config, find_config
from prodlint.engine import Engine
from prodlint.index import IndexedFile, ProjectIndex
from prodlint.parsing import Document
from prodlint.project import Overrides, forget_configs, lint_file, run

SERVER = 'const express = require("express");\nconst app = express();\napp.listen(3000);\n'
GRACEFUL = SERVER + 'process.on("SIGTERM", () => app.close());\n'


def _project(tmp_path: Path) -> Path:
    (tmp_path / "package.json").write_text('{"dependencies": {"express": "^4.19.0"}}\n')
    (tmp_path / "server.js").write_text(SERVER)
    return tmp_path


def _entry(path: Path, root: Path) -> IndexedFile:
    result = lint_file(str(path), str(root), with_findings=False)
    return IndexedFile(result.facts, result.suppressions, result.content_hash)


def _index(root: Path) -> ProjectIndex:
    index = ProjectIndex(lambda path: find_config(path))
    for name in ("package.json", "server.js"):
        index.set_disk(str(root), str(root / name), _entry(root / name, root))
    return index


def test_project_findings_come_from_the_index(tmp_path):
    root = _project(tmp_path)
    index = _index(root)
    changed = index.recompute(str(root), Engine())
    server = str(root / "server.js")
    assert changed == {server}
    assert "SIG001" in {f.code for f in index.project_findings(server)}
    assert index.recompute(str(root), Engine()) == set()  # same facts: nothing to publish


def test_an_open_buffer_overlays_the_disk(tmp_path):
    root = _project(tmp_path)
    index = _index(root)
    engine, server = Engine(), str(root / "server.js")
    index.recompute(str(root), engine)
    doc = Document(server, "javascript", GRACEFUL.encode())
    result = engine.lint_document(doc, str(root), Config(), with_findings=False)
    assert index.set_overlay(str(root), server, IndexedFile(result.facts, result.suppressions, result.content_hash))
    assert server in index.recompute(str(root), engine)
    assert "SIG001" not in {f.code for f in index.project_findings(server)}
    index.set_overlay(str(root), server, None)  # closed unsaved: the disk's text counts again
    index.recompute(str(root), engine)
    assert "SIG001" in {f.code for f in index.project_findings(server)}


def test_per_file_ignores_of_the_findings_own_config_apply_once(tmp_path):
    root = _project(tmp_path)
    (root / "prodlint.toml").write_text('[per-file-ignores]\n"server.js" = ["SIG001"]\n')
    index = _index(root)
    index.recompute(str(root), Engine())
    assert "SIG001" not in {f.code for f in index.project_findings(str(root / "server.js"))}
    report = run([str(root)], Overrides(), jobs=1)  # the CLI reads the same index
    assert "SIG001" not in {f.code for f in report.findings}
    (root / "prodlint.toml").unlink()
    forget_configs()  # configs are read once per directory and run
    assert "SIG001" in {f.code for f in run([str(root)], Overrides(), jobs=1).findings}
