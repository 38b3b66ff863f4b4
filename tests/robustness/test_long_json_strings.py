"""JSON files whose strings are long runs of what SEC001's byte gate looks for (non-ASCII text,
secret words, escaped quotes, backslashes): the gate reads each string once, so a project of
such files is checked in about the time of its parse. A gate that read a string again from each
such byte took seconds on 20 KB and never ended on 30 KB of backslashes; at the size below either
would outlast the timeout by far."""

from __future__ import annotations

import subprocess
import sys

SIZE = 300_000

RUNS = {
    "cjk.json": "日本語のテキスト",
    "mixed.json": "éa",
    "words.json": "key token ",
    "escaped-words.json": "\\\\key\\\"",
    "escaped-quotes.json": "\\\"",
    "backslashes.json": "\\\\",
}


def test_long_strings_in_json_files_cost_their_length(tmp_path):
    (tmp_path / "package.json").write_text('{"name": "x"}')
    for name, run in RUNS.items():
        body = run * (SIZE // len(run.encode()))
        (tmp_path / name).write_text('{"body": "' + body + '", "count": 1}', encoding="utf-8")  # no name, not parsed
    (tmp_path / "settings.json").write_text('{"password": "k8Tz2mQ9xR4vB7nW"}')
    proc = subprocess.run([sys.executable, "-m", "prodlint", "check", "--no-cache", "--format", "json", "."],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "failed on" not in proc.stderr, proc.stderr
    assert '"path": "settings.json"' in proc.stdout and '"code": "SEC001"' in proc.stdout
