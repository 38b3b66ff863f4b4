"""A run that may lint in parallel walks in a forked process while it compiles the queries
(`prodlint.project._walk_tops`): it must yield exactly what a walk here yields, and fall back to
walking here whenever the walking process cannot finish."""

from __future__ import annotations

import os

import pytest

from prodlint import engine, project
from prodlint.config import ConfigError
from prodlint.walk import Skipped

pytestmark = pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                                reason="the walking process is forked")


def _tree(root) -> None:
    files = {
        ".gitignore": "dist/\n*.log\n!keep.log\n",
        "package.json": "{}\n",
        "src/app.js": "const a = 1;\n",
        "src/util.ts": "export const b = 2;\n",
        "src/view.tsx": "export const C = () => null;\n",
        "dist/bundle.js": "ignored\n",
        "keep.log": "x\n",
        "api/main.py": "x = 1\n",
        "binary.js": b"\x00\x01\x02",
        "node_modules/dep/index.js": "ignored\n",
    }
    for i in range(2 * project._WALK_BATCH + 7):  # several batches, the last one partial
        files[f"many/m{i:04}.js"] = f"export const v{i} = {i};\n"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    os.symlink("src", root / "loop")
    outside = root.parent / f"{root.name}-outside.js"
    outside.write_text("const out = 1;\n")
    os.symlink(outside, root / "out.js")  # out of the root: a Skipped in verbose mode
    os.mkfifo(root / "pipe.js")  # not a regular file: a Skipped in verbose mode, never opened


@pytest.mark.parametrize("verbose", [False, True])
def test_walking_in_a_forked_process_yields_what_a_walk_here_yields(tmp_path, verbose):
    _tree(tmp_path)
    tops = [str(tmp_path), str(tmp_path / "src" / "app.js")]
    here = project._walk_here(tops, verbose)
    assert not project._walks_alone(tops, 2)
    forked = project._walk_tops(tops, verbose, 2)
    assert forked == here
    assert len([i for i in here if isinstance(i, str)]) > 2 * project._WALK_BATCH
    assert not verbose or any(isinstance(i, Skipped) for i in here)


def test_the_languages_walked_are_compiled_while_walking(tmp_path):
    _tree(tmp_path)
    engine._combined_query.cache_clear()
    project._walk_here([str(tmp_path)], False)
    assert engine._combined_query.cache_info().currsize == 0  # a walk alone compiles nothing
    project._walk_tops([str(tmp_path)], False, 2)
    assert engine._combined_query.cache_info().currsize == 5  # JavaScript, TypeScript, TSX, Python, JSON


def test_one_job_or_no_folder_walks_here(tmp_path):
    _tree(tmp_path)
    assert project._walks_alone([str(tmp_path)], 1)
    assert project._walks_alone([str(tmp_path / "src" / "app.js")], 2)


def test_a_bad_config_fails_as_a_walk_here_does(tmp_path):
    _tree(tmp_path)
    (tmp_path / "prodlint.toml").write_text("this is = not [ toml\n")
    with pytest.raises(ConfigError):
        project._walk_here([str(tmp_path)], False)
    with pytest.raises(ConfigError):
        project._walk_tops([str(tmp_path)], False, 2)


def test_a_walker_that_dies_makes_the_run_walk_here(tmp_path, monkeypatch):
    _tree(tmp_path)

    def dies(sender, tops, verbose):
        sender.send(["/not/a/real/file.js"])
        os._exit(3)

    monkeypatch.setattr(project, "_walk_into", dies)
    assert project._walk_tops([str(tmp_path)], False, 2) == project._walk_here([str(tmp_path)], False)


def test_the_walking_process_can_send_ahead_of_the_compiling():
    """The pipe from the walking process holds ~10,000 paths, so the walk does not stop while this
    process compiles a query (Linux); elsewhere the pipe keeps its size and the walk waits."""
    import multiprocessing

    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_GETPIPE_SZ"):
        pytest.skip("the pipe's size cannot be set here")
    receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
    try:
        before = fcntl.fcntl(receiver.fileno(), fcntl.F_GETPIPE_SZ)
        project._widen(receiver)
        assert fcntl.fcntl(receiver.fileno(), fcntl.F_GETPIPE_SZ) >= max(project._WALK_PIPE_BYTES, before)
        batch = [f"/some/project/src/components/file{i:05}.tsx" for i in range(project._WALK_BATCH)]
        os.set_blocking(sender.fileno(), False)  # a full pipe raises BlockingIOError instead of waiting
        for _ in range(20):  # ~300 KB unread: more than a 64 KB pipe holds
            sender.send(batch)
        assert receiver.recv() == batch
    finally:
        receiver.close()
        sender.close()
    closed, other = multiprocessing.get_context("fork").Pipe(duplex=False)
    closed.close()
    other.close()
    project._widen(closed)  # a pipe it cannot widen is left as it is
