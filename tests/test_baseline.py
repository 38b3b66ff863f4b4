"""The baseline: `--update-baseline` writes it, `--baseline` reports only what is new, fingerprints
survive edits elsewhere (insertions above, reformatting, a file move), duplicates are counted,
secrets are only ever hashed, the file is sorted and reproducible, and the server honours it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

from prodlint.cli import main

JWT = "Zq8-v2Lw-81Ks-x4mT-r7Nw"
APP = (
    'const express = require("express");\n'
    'const API = "http://localhost:3000";\n'
    f'const JWT_SECRET = "{JWT}";\n'
    "function load() {\n"
    "  try { return fetch(API); } catch (e) {}\n"
    "}\n"
)


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", "--no-cache", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def codes(out: str) -> list[str]:
    return sorted(item["code"] for item in json.loads(out))


@pytest.fixture()
def project(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.js").write_text(APP)
    return tmp_path


def baseline_all(capsys) -> dict:
    code, _, err = cli(capsys, "--update-baseline", "--select", "URL001,SEC001,ERR004", ".")
    assert code == 0 and "wrote 3 findings to .prodlint-baseline.json" in err
    return json.loads(Path(".prodlint-baseline.json").read_text())


def new_codes(capsys) -> list[str]:
    code, out, _ = cli(capsys, "--baseline", ".prodlint-baseline.json", "--select", "URL001,SEC001,ERR004",
                       "--format", "json", ".")
    assert code == (1 if json.loads(out) else 0)
    return codes(out)


def test_baseline_hides_known_findings_and_reports_new_ones(project, capsys):
    baseline_all(capsys)
    assert new_codes(capsys) == []
    code, out, _ = cli(capsys, "--baseline", ".prodlint-baseline.json", ".")
    assert "3 findings in the baseline not shown." in out
    app = project / "src" / "app.js"
    app.write_text(APP + 'const OTHER = "http://localhost:4000";\n')
    assert new_codes(capsys) == ["URL001"]


def test_fingerprints_survive_insertions_above_and_reformatting_elsewhere(project, capsys):
    baseline_all(capsys)
    app = project / "src" / "app.js"
    header = "// a header comment\n\n/* and a block\n   of text */\nconst unrelated   =   1 ;\n"
    app.write_text(header + APP.replace("function load() {", "function load()\n{"))
    assert new_codes(capsys) == []
    # reformatting the statement itself (spacing, quotes) keeps it too
    app.write_text(APP.replace('const API = "http://localhost:3000";', "const API   =   'http://localhost:3000' ;"))
    assert new_codes(capsys) == []
    # the finding's own text changing is a new finding
    app.write_text(APP.replace("localhost:3000", "localhost:3001"))
    assert new_codes(capsys) == ["URL001"]


def test_a_moved_file_keeps_its_baseline(project, capsys):
    baseline_all(capsys)
    (project / "lib").mkdir()
    (project / "src" / "app.js").rename(project / "lib" / "server.js")
    assert new_codes(capsys) == []
    # path is a secondary key only: a copy of the same line elsewhere is new
    (project / "lib" / "copy.js").write_text('const API = "http://localhost:3000";\n')
    assert new_codes(capsys) == ["URL001"]


def test_identical_findings_are_counted(project, capsys):
    line = 'fetch("http://localhost:3000/x");\n'
    (project / "src" / "app.js").write_text(line * 2)
    code, _, err = cli(capsys, "--update-baseline", "--select", "URL001", ".")
    entries = json.loads(Path(".prodlint-baseline.json").read_text())["findings"]
    assert [e["occurrence"] for e in entries] == [0, 1]
    assert entries[0]["hash"] == entries[1]["hash"]
    (project / "src" / "app.js").write_text(line * 3)
    code, out, _ = cli(capsys, "--baseline", ".prodlint-baseline.json", "--select", "URL001", "--format", "json", ".")
    assert code == 1 and [d["line"] for d in json.loads(out)] == [3]


def test_the_file_holds_only_salted_hashes_sorted_and_reproducible(project, capsys):
    data = baseline_all(capsys)
    text = Path(".prodlint-baseline.json").read_text()
    assert set(data) == {"version", "salt", "findings"}
    assert all(set(e) == {"code", "path", "hash", "occurrence"} for e in data["findings"])
    assert not any(JWT[i:i + 5] in text for i in range(len(JWT) - 4))
    assert "localhost" not in text and "line" not in text
    keys = [(e["path"], e["code"], e["hash"], e["occurrence"]) for e in data["findings"]]
    assert keys == sorted(keys)
    assert {e["path"] for e in data["findings"]} == {"src/app.js"}
    baseline_all(capsys)
    assert Path(".prodlint-baseline.json").read_text() == text  # the salt is kept: no churn
    # another salt gives other hashes: a hash cannot be looked up in a table
    other = dict(data, salt="0" * 32)
    Path("other.json").write_text(json.dumps(other))
    code, out, _ = cli(capsys, "--baseline", "other.json", "--select", "URL001,SEC001,ERR004", "--format", "json", ".")
    assert len(json.loads(out)) == 3


@pytest.mark.parametrize("content, message", [
    (None, "no such baseline"), ("{", "not a readable baseline"), ('{"version": 9}', "baseline version 9"),
    ('{"version": 1, "salt": "x", "findings": [{"code": 1}]}', "malformed baseline"),
])
def test_a_bad_baseline_is_a_usage_error(project, capsys, content, message):
    if content is not None:
        Path("b.json").write_text(content)
    code, _, err = cli(capsys, "--baseline", "b.json", ".")
    assert code == 2 and message in err and "Traceback" not in err


# ---------------------------------------------------------------- the language server

@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "prodlint", "serve"]))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def test_the_server_hides_baselined_findings(client: LanguageClient, tmp_path: Path, monkeypatch, capsys):
    from test_lsp_support import wait_for

    monkeypatch.chdir(tmp_path)
    app = tmp_path / "app.js"
    app.write_text('const API = "http://localhost:3000";\nfetch(API);\n')
    assert main(["check", "--no-cache", "--update-baseline", "--select", "URL001", "."]) == 0
    capsys.readouterr()
    await client.initialize_session(T.InitializeParams(
        capabilities=T.ClientCapabilities(), root_uri=tmp_path.as_uri(),
        workspace_folders=[T.WorkspaceFolder(tmp_path.as_uri(), tmp_path.name)],
        initialization_options={"select": ["URL001"]}))
    text = '// edited above\nconst API = "http://localhost:3000";\nconst NEW = "http://localhost:5000";\n'
    client.text_document_did_open(T.DidOpenTextDocumentParams(
        T.TextDocumentItem(uri=app.as_uri(), language_id="javascript", version=1, text=text)))

    def lines() -> list[int]:
        return sorted(d.range.start.line for d in client.diagnostics.get(app.as_uri(), []))

    await wait_for(lambda: lines() == [2], 20.0)  # only the new URL; the baselined one moved a line down
    # the `baseline` setting points elsewhere: an empty baseline hides nothing
    (tmp_path / "empty.json").write_text(json.dumps({"version": 1, "salt": "s", "findings": []}))
    client.workspace_did_change_configuration(T.DidChangeConfigurationParams(
        settings={"prodlint": {"select": ["URL001"], "baseline": "empty.json"}}))
    await wait_for(lambda: lines() == [1, 2], 20.0)
    assert not (tmp_path / ".prodlint_cache").exists()  # the server never writes the CLI's cache
