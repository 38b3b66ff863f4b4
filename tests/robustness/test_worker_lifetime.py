"""Pool workers end with the `prodlint check` that started them.

A CI job's timeout, or `subprocess.run(timeout=...)`, kills the process it started and not that
process's children. The workers of a killed `prodlint check --jobs 2` used to go on with the
files queued for them and then wait forever for more: this kills a real run in the middle of its
files and checks that every process it forked is gone soon after.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; the tie is Linux's")

_FILE = "".join(
    f"app.get('/items/{i}', async (req, res) => {{\n"
    f"  const rows = await db.query('SELECT * FROM items WHERE id = $1', [req.params.id]);\n"
    f"  console.log('listed', rows.length, {i});\n"
    f"  res.json({{ rows, url: 'http://localhost:{3000 + i % 50}/items' }});\n"
    f"}});\n"
    for i in range(400)
)


def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid`, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def _running(pid: int) -> bool:
    """Whether `pid` exists and is not a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            state = fh.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def test_workers_end_when_the_check_is_killed(tmp_path):
    app = tmp_path / "app"
    app.mkdir()
    (app / "package.json").write_text('{"name": "app", "dependencies": {"express": "4.19.0"}}')
    for i in range(600):  # about 20 s of work for two workers: the run is killed long before
        (app / f"route{i}.js").write_text(_FILE)
    proc = subprocess.Popen([sys.executable, "-m", "prodlint", "check", "--no-cache", "--jobs", "2", str(app)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            workers = [pid for pid in _children(proc.pid) if _running(pid)]
            if len(workers) >= 2:
                break
            time.sleep(0.05)
        assert proc.poll() is None and len(workers) >= 2, "the run never had two workers at once"
        time.sleep(0.5)  # the workers are busy with their first files
        workers = [pid for pid in _children(proc.pid) if _running(pid)]
        assert workers
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_running(pid) for pid in workers):
            time.sleep(0.05)
        assert not [pid for pid in workers if _running(pid)], "workers outlived the killed check"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in workers:  # never leave one behind, even when the test fails
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
