"""The CLI and the server on a hostile workspace (see `hostile.build`): both finish, report each
skipped file once with its reason, and write nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import hostile
from raw_client import LIMIT, RawClient, server_env


@pytest.fixture
def workspace(hostile_tree) -> tuple[Path, dict[str, str]]:
    root, expected = hostile_tree
    return root / "proj", expected


def check(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "prodlint", "check", *args], cwd=cwd, capture_output=True,
                          timeout=LIMIT * 2, env=server_env(), stdin=subprocess.DEVNULL)


def test_the_cli_finishes_reports_each_skip_once_and_writes_nothing(workspace):
    proj, expected = workspace
    before = hostile.snapshot(proj.parent)
    done = check("proj", "--verbose", "--no-cache", "--format", "json", cwd=proj.parent)
    assert done.returncode in (0, 1), done.stderr.decode(errors="replace")
    assert hostile.snapshot(proj.parent) == before
    paths = {f["path"] for f in json.loads(done.stdout.decode("utf-8"))}
    assert "proj/src/bad\\xff name.js" in paths  # linted, its name escaped
    err = done.stderr.decode("utf-8")
    skips = [line for line in err.splitlines() if line.startswith("prodlint: skipped ")]
    assert len(skips) == len(set(skips))
    for rel, word in expected.items():
        lines = [line for line in skips if line.split(": ")[1].endswith(os.sep + rel)]
        assert len(lines) == 1, (rel, skips)
        assert word in lines[0], lines[0]


NAMES = {"json": "bad\\\\xff name.js", "gitlab": "bad\\\\xff name.js", "sarif": "bad%FF%20name.js",
         "github": "bad\\xff name.js", "full": "bad\\xff name.js", "concise": "bad\\xff name.js"}


@pytest.mark.parametrize("fmt", sorted(NAMES))
def test_a_non_utf8_file_name_is_escaped_in_every_format(tmp_path: Path, fmt: str):
    (tmp_path / os.fsdecode(b"bad\xff name.js")).write_text("try { y() } catch (e) {}\n")
    done = check(".", "--no-cache", "--format", fmt, cwd=tmp_path)
    assert done.returncode == 1
    out = done.stdout.decode("utf-8")  # strict: a raw non-UTF-8 byte would raise here
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(out)
    assert NAMES[fmt] in out


def test_naming_one_file_of_a_project_with_a_fifo_env_finishes(workspace):
    proj, _ = workspace
    done = check("src/app.js", "--format", "json", "--no-cache", cwd=proj)
    assert done.returncode == 1
    assert {f["code"] for f in json.loads(done.stdout)} >= {"ERR004"}


def test_fix_never_writes_through_a_symlink_out_of_the_project(tmp_path: Path):
    proj, outside = tmp_path / "proj", tmp_path / "outside"
    proj.mkdir()
    outside.mkdir()
    (proj / ".git").mkdir()
    (outside / "shared-gitignore").write_text("node_modules\n")
    os.symlink(outside / "shared-gitignore", proj / ".gitignore")
    (proj / ".env").write_text("API_TOKEN=" + hostile.SECRET + "\n")
    (proj / "package.json").write_text('{"name": "p"}\n')
    (proj / "index.js").write_text("module.exports = process.env.API_TOKEN;\n")
    before = hostile.snapshot(tmp_path)
    done = check(".", "--fix", "--unsafe-fixes", "--no-cache", cwd=proj)
    assert done.returncode in (0, 1)
    assert hostile.snapshot(tmp_path) == before
    assert b"symbolic link" in done.stderr
    os.remove(proj / ".gitignore")  # a plain file in the project is fixed as before
    done = check(".", "--fix", "--no-cache", cwd=proj)
    assert ".env" in (proj / ".gitignore").read_text()
    assert (outside / "shared-gitignore").read_text() == "node_modules\n"


async def test_the_server_indexes_it_answers_and_writes_nothing(workspace):
    proj, expected = workspace
    before = hostile.snapshot(proj.parent)
    client = await RawClient.start("--log-level", "debug")
    try:
        await client.initialize(proj, window={"workDoneProgress": True})
        end = await client.until(lambda m: m.get("method") == "$/progress" and
                                 m["params"]["value"].get("kind") == "end", timeout=LIMIT * 2)
        assert end["params"]["value"]["message"] == "done"
        app = (proj / "src" / "app.js").as_uri()
        published = await client.until(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                       and m["params"]["uri"] == app)
        assert published is not None
        for rel in ("src/deep.js", "src/deep.py", "static/bundle.min.js"):
            uri = (proj / rel).as_uri()
            text = (proj / rel).read_text()
            client.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "javascript", "version": 1, "text": text}})
            await client.diagnostics(uri, 1)
        await client.still_serving()
        logs = [m["params"]["message"] for m in client.inbox if m.get("method") == "window/logMessage"]
        for rel in expected:
            said = [line for line in logs if line.endswith(rel) or (os.sep + rel + ":") in line]
            assert len(said) <= 1, said
    finally:
        assert await client.stop() == 0
    assert hostile.snapshot(proj.parent) == before


def test_an_unreadable_file_is_skipped_with_its_reason(tmp_path: Path, monkeypatch):
    """As root every file is readable: the read itself is made to fail."""
    from prodlint import regular_files
    from prodlint.project import Overrides, run

    (tmp_path / "ok.js").write_text("try { a() } catch (e) {}\n")
    (tmp_path / "locked.js").write_text("try { b() } catch (e) {}\n")
    real_open = os.open

    def deny(path, *args, **kwargs):
        if os.fspath(path).endswith("locked.js"):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(regular_files.os, "open", deny)
    report = run([str(tmp_path)], Overrides(), jobs=1, verbose=True)
    skipped = {os.path.basename(s.path): s.reason for s in report.skipped}
    assert skipped == {"locked.js": "unreadable: Permission denied"}
    assert [os.path.basename(f.path) for f in report.findings if f.code == "ERR004"] == ["ok.js"]


def test_a_file_deleted_between_listing_and_reading_is_skipped(tmp_path: Path, monkeypatch):
    from prodlint import project
    from prodlint.project import Overrides, run

    for name in ("a.js", "gone.js", "z.js"):
        (tmp_path / name).write_text("try { a() } catch (e) {}\n")
    real_walk = project.walk

    def walk_then_delete(*args, **kwargs):
        for item in real_walk(*args, **kwargs):
            yield item
            if isinstance(item, str) and item.endswith("a.js") and (tmp_path / "gone.js").exists():
                os.remove(tmp_path / "gone.js")

    monkeypatch.setattr(project, "walk", walk_then_delete)
    report = run([str(tmp_path)], Overrides(), jobs=1, verbose=True)
    assert sorted(os.path.basename(f.path) for f in report.findings if f.code == "ERR004") == ["a.js", "z.js"]
    assert [(os.path.basename(s.path), s.reason.split(":")[0]) for s in report.skipped] == [("gone.js", "unreadable")]
