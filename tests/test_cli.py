"""`prodlint check|rules|explain`: formats, exit codes, fixes, config errors, suppression."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from prodlint.cli import main

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent

APP_JS = 'const API = "http://localhost:3000";\nfetch(API);\n'


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return root


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture()
def project(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write(tmp_path, {"app.js": APP_JS})


def test_text_output_and_exit_one(project, capsys):
    code, out, _ = cli(capsys, "check", ".")
    assert code == 1
    assert out.splitlines()[:7] == [
        "warning[URL001] hardcoded-localhost-url: Hardcoded localhost URL `http://localhost:3000`: "
        "in production it points at the server itself",
        " --> app.js:1:13",
        "  |",
        '1 | const API = "http://localhost:3000";',
        "  |             ^^^^^^^^^^^^^^^^^^^^^^^",
        "  |",
        "  = [~] unsafe fix: Replace with process.env.API_URL",
    ]
    assert "  = docs: https://github.com/prodlint/prodlint/blob/main/rules/README.md#url001" in out
    assert "Found 1 problem (1 warning) in 1 file." in out
    assert "By failure: 5 hardcoded hosts: 1" in out
    assert "--unsafe-fixes" in out
    assert out.rstrip().endswith("1 file checked.")


def test_concise_keeps_one_line_per_finding(project, capsys):
    for flag in ("--output-format", "--format"):
        code, out, _ = cli(capsys, "check", flag, "concise", ".")
        assert code == 1
        assert out.splitlines()[0] == (
            "app.js:1:13: URL001 hardcoded-localhost-url Hardcoded localhost URL `http://localhost:3000`: "
            "in production it points at the server itself")
    _, full, _ = cli(capsys, "check", "--format", "text", ".")
    _, default, _ = cli(capsys, "check", ".")
    assert full == default


def test_clean_tree_exits_zero(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.js": "const API = process.env.API_URL;\n"})
    code, out, _ = cli(capsys, "check", ".")
    assert code == 0
    assert "All checks passed." in out


def test_json_output_fields(project, capsys):
    code, out, _ = cli(capsys, "check", "--format", "json", ".")
    assert code == 1
    data = json.loads(out)
    assert isinstance(data, list) and len(data) == 1
    item = data[0]
    assert {k: item[k] for k in ("path", "line", "column", "end_line", "end_column", "code", "name",
                                 "category", "severity")} == {
        "path": "app.js", "line": 1, "column": 13, "end_line": 1, "end_column": 36, "code": "URL001",
        "name": "hardcoded-localhost-url", "category": "5", "severity": "warning"}
    assert item["fixes"] == [{"title": "Replace with process.env.API_URL", "applicability": "unsafe"}]


def test_columns_count_code_points(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.js": 'const é😀 = "http://localhost:1";\n'})
    _, out, _ = cli(capsys, "check", "--format", "json", ".")
    item = json.loads(out)[0]
    assert (item["column"], item["end_column"]) == (12, 32)


def test_sarif_validates_against_the_oasis_schema(project, capsys):
    code, out, _ = cli(capsys, "check", "--format", "sarif", ".")
    assert code == 1
    doc = json.loads(out)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(doc)
    result = doc["runs"][0]["results"][0]
    assert result["ruleId"] == "URL001"
    assert result["locations"][0]["physicalLocation"]["region"]["startColumn"] == 13
    rule_ids = [r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]]
    assert rule_ids[result["ruleIndex"]] == "URL001"


def test_sarif_of_a_clean_tree_validates(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"ok.js": "export const x = 1;\n"})
    _, out, _ = cli(capsys, "check", "--format", "sarif", ".")
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(json.loads(out))


def test_github_format(project, capsys):
    _, out, _ = cli(capsys, "check", "--format", "github", ".")
    assert out.startswith("::warning file=app.js,line=1,col=13,endLine=1,endColumn=36,title=URL001 hardcoded-localhost-url::")


def test_fix_applies_only_safe_fixes(project, capsys):
    code, out, _ = cli(capsys, "check", "--fix", ".")
    assert code == 1
    assert (project / "app.js").read_text() == APP_JS


def test_unsafe_fixes_rewrite_and_rerun_is_clean(project, capsys):
    code, out, _ = cli(capsys, "check", "--fix", "--unsafe-fixes", ".")
    assert code == 0, out
    assert (project / "app.js").read_text() == "const API = process.env.API_URL;\nfetch(API);\n"
    assert "Fixed 1 problem." in out


def test_select_and_ignore(project, capsys):
    assert cli(capsys, "check", "--select", "URL002", ".")[0] == 0
    assert cli(capsys, "check", "--ignore", "hardcoded-localhost-url", ".")[0] == 0
    assert cli(capsys, "check", "--select", "URL", ".")[0] == 1


def test_exit_zero_quiet_statistics(project, capsys):
    code, out, _ = cli(capsys, "check", "--exit-zero", "--quiet", "--output-format", "concise", ".")
    assert code == 0
    assert out.count("\n") == 1 and "Found" not in out
    code, out, _ = cli(capsys, "check", "--statistics", ".")
    assert code == 1
    assert out.splitlines()[0].split() == ["1", "URL001", "hardcoded-localhost-url"]


def test_unknown_rule_and_missing_path_are_usage_errors(project, capsys):
    code, _, err = cli(capsys, "check", "--select", "NOPE999", ".")
    assert code == 2 and "unknown rule 'NOPE999'" in err
    code, _, err = cli(capsys, "check", "does-not-exist")
    assert code == 2 and "no such file" in err


@pytest.mark.parametrize("name, content, key", [
    ("prodlint.toml", 'select = ["URL001", "SEC999"]\n', "select"),
    ("prodlint.toml", 'severity = { URL001 = "fatal" }\n', "severity.URL001"),
    (".prodlint.toml", 'colour = "blue"\n', "colour"),
    ("pyproject.toml", '[tool.prodlint]\nmax-file-size = "big"\n', "max-file-size"),
    ("prodlint.toml", "select = [\n", ""),
])
def test_bad_config_is_a_clear_error(project, capsys, name, content, key):
    write(project, {name: content})
    code, out, err = cli(capsys, "check", ".")
    assert code == 2
    assert f"{project / name}" in err
    if key:
        assert f": {key}:" in err
    assert "Traceback" not in err


def test_bad_config_subprocess_has_no_traceback(project):
    write(project, {"prodlint.toml": "ignore = 3\n"})
    proc = subprocess.run([sys.executable, "-m", "prodlint", "check", "."], cwd=project, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": f"{REPO / 'server'}:{REPO / 'rules'}"})
    assert proc.returncode == 2
    assert "configuration error" in proc.stderr and "ignore" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_config_select_severity_and_per_file_ignores(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {
        "pyproject.toml": '[tool.prodlint]\nseverity = { hardcoded-localhost-url = "error" }\n'
                          '[tool.prodlint.per-file-ignores]\n"legacy/*.js" = ["URL001"]\n',
        "app.js": APP_JS,
        "legacy/old.js": APP_JS,
    })
    _, out, _ = cli(capsys, "check", "--format", "json", ".")
    data = json.loads(out)
    assert [(d["path"], d["severity"]) for d in data] == [("app.js", "error")]


def test_config_exclude(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"prodlint.toml": 'exclude = ["generated/"]\n', "generated/api.js": APP_JS})
    code, _, err = cli(capsys, "check", ".")
    assert code == 2 and "1 excluded by the configuration (exclude)" in err
    write(tmp_path, {"ok.js": "export const x = 1;\n"})
    assert cli(capsys, "check", ".")[0] == 0


@pytest.mark.parametrize("source", [
    '// prodlint-ignore URL001: the dev proxy\nconst API = "http://localhost:3000";\n',
    'const API = "http://localhost:3000"; // prodlint-ignore URL001\n',
    'const API = "http://localhost:3000"; // prodlint: ignore[hardcoded-localhost-url]\n',
    '// prodlint-ignore-file\nconst API = "http://localhost:3000";\n',
    '// prodlint-ignore-file URL001\n\nconst API = "http://localhost:3000";\n',
    '// prodlint-ignore\nconst API = "http://localhost:3000";\n',
])
def test_suppression_comments(tmp_path, monkeypatch, capsys, source):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.js": source})
    assert cli(capsys, "check", ".")[0] == 0


@pytest.mark.parametrize("source", [
    '// prodlint-ignore URL002\nconst API = "http://localhost:3000";\n',
    'const note = "prodlint-ignore URL001"; const API = "http://localhost:3000";\n',
    '// prodlint-ignore URL001\nconst x = 1;\nconst API = "http://localhost:3000";\n',
])
def test_suppression_is_precise(tmp_path, monkeypatch, capsys, source):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.js": source})
    assert cli(capsys, "check", ".")[0] == 1


def test_python_suppression(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": 'API = "http://localhost:8000"  # prodlint: ignore[URL001]\n'})
    assert cli(capsys, "check", ".")[0] == 0


def test_rules_and_explain(capsys):
    code, out, _ = cli(capsys, "rules")
    assert code == 0 and "URL001" in out and "hardcoded-localhost-url" in out
    code, out, _ = cli(capsys, "explain", "URL002")
    assert code == 0 and "## Why is this bad?" in out
    code, out2, _ = cli(capsys, "explain", "localhost-env-fallback")
    assert out2 == out
    assert cli(capsys, "explain", "XYZ123")[0] == 2


def test_examples_show_findings(monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    code, out, _ = cli(capsys, "check", "--format", "json", "examples/")
    assert code == 1
    paths = {d["path"] for d in json.loads(out)}
    assert any(p.startswith("examples/express-app/") for p in paths)
    assert any(p.startswith("examples/flask-app/") for p in paths)


def test_verbose_lists_skipped_files(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {
        "prodlint.toml": "max-file-size = 2000\n",
        "big.js": "const a = 1;\n" * 400,
        "bin.js": b"\x00\x01\x02binary",
        "latin1.py": "x = 'caf\xe9'\n".encode("latin-1"),
        "ok.js": "export const x = 1;\n",
    })
    code, out, err = cli(capsys, "check", "--verbose", ".")
    assert code == 0
    assert "big.js: larger than 2000 bytes" in err
    assert "bin.js: binary content" in err
    assert "latin1.py: not valid UTF-8" in err


def test_the_process_entry_flushes_everything_and_keeps_the_exit_code(tmp_path):
    """`python -m prodlint` leaves without tearing its heap down (`cli.entry`): all of a large
    output still arrives, on a pipe and in a file, and the exit code is the command's."""
    app = tmp_path / "app"
    app.mkdir()
    (app / "package.json").write_text('{"dependencies": {"express": "4"}}')
    for i in range(40):
        (app / f"m{i}.js").write_text("".join(f"console.log('step {j}', 'http://localhost:{3000 + j}');\n"
                                              for j in range(50)))
    cmd = [sys.executable, "-m", "prodlint", "check", "--no-cache", "--format", "json", str(app)]
    piped = subprocess.run(cmd, capture_output=True)
    assert piped.returncode == 1, piped.stderr
    found = json.loads(piped.stdout)
    assert len(piped.stdout) > 256 * 1024 and len(found) >= 2000
    out_file = tmp_path / "out.json"
    with open(out_file, "wb") as fh:
        to_file = subprocess.run(cmd, stdout=fh, stderr=subprocess.PIPE)
    assert to_file.returncode == 1
    assert json.loads(out_file.read_bytes()) == found
    clean = subprocess.run([sys.executable, "-m", "prodlint", "check", "--no-cache", "--exit-zero", str(app)],
                           capture_output=True)
    assert clean.returncode == 0 and clean.stdout.strip().endswith(b"checked.")


def test_a_run_collects_between_files_and_gives_the_collector_back(tmp_path):
    """Automatic collection is off while a run lints (the young generation is collected between
    files instead), and the thresholds the caller had come back afterwards, even on a failure."""
    import gc

    from prodlint import project

    (tmp_path / "package.json").write_text("{}")
    for i in range(project._COLLECT_EVERY * 2 + 1):
        (tmp_path / f"m{i}.js").write_text(f"export const x{i} = () => {{ const a = [{{}}]; a[0].self = a; }};\n")
    before = gc.get_threshold()
    collections = []

    def count(phase, info):
        if phase == "start":
            collections.append((info["generation"], gc.get_threshold()[0]))

    gc.callbacks.append(count)
    try:
        report = project.run([str(tmp_path)], jobs=1)
    finally:
        gc.callbacks.remove(count)
    assert report.files > project._COLLECT_EVERY * 2
    assert gc.get_threshold() == before
    assert collections and all(generation == 0 and threshold == 0 for generation, threshold in collections)
    assert gc.get_freeze_count() == 0  # a library caller's heap is left as it was: nothing stays frozen


def test_a_run_whose_process_ends_after_leaves_its_results_out_of_collection(tmp_path):
    """The CLI's run freezes what it keeps: the output's allocations set off no collection that
    scans the report (a full one took about a second after a run of 44,000 findings)."""
    import gc

    from prodlint import project

    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "server.js").write_text('const url = "http://localhost:3000/api";\nconsole.log(url);\n')
    before = gc.get_threshold()
    try:
        report = project.run([str(tmp_path)], jobs=1, process_ends_after=True)
        assert report.findings
        assert gc.get_threshold() == before
        assert gc.get_freeze_count() > 0
        assert not any(o is report for o in gc.get_objects())  # frozen objects are in no generation
    finally:
        gc.unfreeze()
