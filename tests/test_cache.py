"""The result cache: identical results to an uncached run, project rules recomputed from cached
facts, invalidation by content, configuration and rule-set changes, a git-ignored folder, and a
run without a cache when the folder cannot be written."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import prodlint_rules
import pytest

from prodlint import cache as cache_module
from prodlint.cache import Cache, open_cache, ruleset_version
from prodlint.cli import main
from prodlint.project import forget_configs, run

REPO = Path(__file__).parent.parent

SERVER_JS = ('const express = require("express");\nconst app = express();\n'
             'app.get("/healthz", (req, res) => res.send("ok"));\n'
             'app.listen(process.env.PORT);\nconst API = "http://localhost:3000";\n')
SHUTDOWN_JS = 'process.on("SIGTERM", () => process.exit(0));\n'


def keys(report) -> list[tuple]:
    return [(f.code, f.path, f.span, f.message, f.severity, f.fixes) for f in report.findings]


@pytest.fixture()
def app(tmp_path: Path) -> Path:
    root = tmp_path / "app"
    shutil.copytree(REPO / "examples", root)
    return root


def test_cached_results_equal_uncached_ones(app, tmp_path):
    plain = run([str(app)])
    cold_cache = Cache(str(tmp_path / "c"))
    cold = run([str(app)], cache=cold_cache)
    assert cold_cache.hits == 0 and cold_cache.misses > 5
    warm_cache = Cache(str(tmp_path / "c"))
    warm = run([str(app)], cache=warm_cache)
    assert warm_cache.misses == 0 and warm_cache.hits == cold_cache.misses
    assert keys(plain) == keys(cold) == keys(warm) and len(keys(plain)) > 10
    assert plain.files == warm.files and [s.path for s in plain.skipped] == [s.path for s in warm.skipped]


def test_only_a_changed_file_is_linted_again(app, tmp_path):
    run([str(app)], cache=Cache(str(tmp_path / "c")))
    touched = app / "express-app" / "src" / "server.js"
    touched.write_text(touched.read_text() + "\n// touched\n")
    again = Cache(str(tmp_path / "c"))
    report = run([str(app)], cache=again)
    assert again.misses == 1
    assert keys(report) == keys(run([str(app)]))


def test_project_rules_are_recomputed_from_cached_facts(tmp_path):
    root = tmp_path / "svc"
    root.mkdir()
    (root / "package.json").write_text('{"name": "svc", "dependencies": {"express": "^4.19.2"}}\n')
    (root / "server.js").write_text(SERVER_JS)
    (root / "shutdown.js").write_text("export const nothing = 1;\n")
    first = run([str(root)], cache=Cache(str(tmp_path / "c")), overrides=_only("SIG001"))
    assert [f.code for f in first.findings] == ["SIG001"]
    (root / "shutdown.js").write_text(SHUTDOWN_JS)  # server.js is unchanged: a cache hit
    warm = Cache(str(tmp_path / "c"))
    second = run([str(root)], cache=warm, overrides=_only("SIG001"))
    assert warm.misses == 1 and second.findings == []


def _only(code: str):
    from prodlint.project import Overrides

    return Overrides(select=(code,))


def test_a_config_change_invalidates(app, tmp_path):
    run([str(app)], cache=Cache(str(tmp_path / "c")))
    (app / "express-app" / "prodlint.toml").write_text('ignore = ["URL001"]\n')
    forget_configs()  # a new process in real use: the config is read again
    warm = Cache(str(tmp_path / "c"))
    report = run([str(app)], cache=warm)
    assert warm.misses >= 4  # every file of express-app
    assert not any(f.code == "URL001" and "express-app" in f.path for f in report.findings)
    assert keys(report) == keys(run([str(app)]))


def test_a_rule_set_upgrade_invalidates(app, tmp_path, monkeypatch):
    first = Cache(str(tmp_path / "c"))
    run([str(app)], cache=first)
    old_file = Path(first.file)
    assert old_file.exists()
    extra = tmp_path / "more_rules"
    extra.mkdir()
    (extra / "unused_helper.py").write_text("VALUE = 1\n")
    monkeypatch.setattr(prodlint_rules, "__path__", [*prodlint_rules.__path__, str(extra)])
    ruleset_version.cache_clear()
    try:
        assert ruleset_version() != first.version
        upgraded = Cache(str(tmp_path / "c"))
        report = run([str(app)], cache=upgraded)
        assert upgraded.hits == 0 and upgraded.misses == first.misses
        assert keys(report) == keys(run([str(app)]))
        assert Path(upgraded.file).exists() and not old_file.exists()  # old results removed
    finally:
        ruleset_version.cache_clear()
    monkeypatch.setattr(cache_module, "__version__", "99.0")
    ruleset_version.cache_clear()
    try:
        assert ruleset_version() != first.version
    finally:
        ruleset_version.cache_clear()


def test_the_cli_cache_folder_is_git_ignored_and_optional(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.js").write_text('const API = "http://localhost:3000";\n')
    assert main(["check", "--format", "json", "."]) == 1
    first = capsys.readouterr().out
    assert (tmp_path / ".prodlint_cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert main(["check", "--format", "json", "."]) == 1
    assert capsys.readouterr().out == first
    shutil.rmtree(tmp_path / ".prodlint_cache")
    assert main(["check", "--no-cache", "--format", "json", "."]) == 1
    assert capsys.readouterr().out == first and not (tmp_path / ".prodlint_cache").exists()


def test_an_unwritable_cache_folder_means_no_cache(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.js").write_text('const API = "http://localhost:3000";\n')
    (tmp_path / "blocker").write_text("a file where the cache folder would go\n")
    assert open_cache(str(tmp_path / "blocker" / "cache")) is None
    code = main(["check", "--cache-dir", "blocker/cache", "--format", "json", "."])
    out = capsys.readouterr()
    assert code == 1 and len(json.loads(out.out)) == 1 and "Traceback" not in out.err


def test_a_corrupt_cache_file_is_replaced(app, tmp_path):
    first = Cache(str(tmp_path / "c"))
    run([str(app)], cache=first)
    Path(first.file).write_bytes(b"not a pickle")
    again = Cache(str(tmp_path / "c"))
    assert keys(run([str(app)], cache=again)) == keys(run([str(app)])) and again.hits == 0


def _result_with_edit(path: str, edit_path: str, mode: str):
    from prodlint.api import Applicability, Finding, Fix, Span, TextEdit
    from prodlint.engine import FileResult

    span = Span(0, 1, (0, 0), (0, 1))
    fix = Fix("a fix", Applicability.SAFE, (TextEdit(edit_path, 0, 1, "x", mode),))
    return FileResult(path, "javascript", os.path.dirname(path), findings=[Finding("URL001", path, span, "m", (fix,))])


def test_results_whose_fixes_edit_another_file_at_offsets_are_not_cached(tmp_path):
    from prodlint.api import ENSURE_LINES, REPLACE
    from prodlint.project import Overrides

    for name in ("a.js", "b.js"):
        (tmp_path / name).write_text("x\n")
    a, b = str(tmp_path / "a.js"), str(tmp_path / "b.js")
    jobs = [(a, str(tmp_path), Overrides(), True, str(tmp_path)), (b, str(tmp_path), Overrides(), True, str(tmp_path))]
    results = {a: _result_with_edit(a, str(tmp_path / "other.js"), REPLACE),
               b: _result_with_edit(b, str(tmp_path / ".env.example"), ENSURE_LINES)}
    store = Cache(str(tmp_path / "c"))
    list(store.execute(jobs, lambda todo: [(results[job[0]], 2) for job in todo]))
    assert [entry[0] for entry in store.entries.values()] == [b]


def test_a_result_that_cannot_be_stored_leaves_the_run_alone(tmp_path, caplog):
    from prodlint.project import Overrides

    (tmp_path / "a.js").write_text("x\n")
    a = str(tmp_path / "a.js")
    result = _result_with_edit(a, a, "replace")
    result.errors = []
    result.facts = (lambda: None,)  # not picklable
    store = Cache(str(tmp_path / "c"))
    out = list(store.execute([(a, str(tmp_path), Overrides(), True, str(tmp_path))], lambda todo: [(result, 2)]))
    assert out == [(result, 2)]
    logger = logging.getLogger("prodlint")  # the CLI's own handler may stop propagation
    logger.addHandler(caplog.handler)
    try:
        store.save()
    finally:
        logger.removeHandler(caplog.handler)
    assert "cache not written" in caplog.text and not list((tmp_path / "c").glob("*.tmp"))
