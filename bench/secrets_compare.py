"""SEC001 against detect-secrets on SEC001's annotated cases (a benchmark, not a test).

    pip install detect-secrets        # not a project dependency
    python bench/secrets_compare.py   # from the repository root

For every `expect: SEC001` line (a real secret) and every `ok: SEC001` line (a look-alike),
says whether prodlint and detect-secrets (default plugins and filters) report that line, then
lists what each finds that the other misses.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "server"), str(ROOT / "rules")]

from detect_secrets import SecretsCollection  # noqa: E402
from detect_secrets.settings import default_settings  # noqa: E402

from prodlint.project import Overrides, run  # noqa: E402
from rule_harness import discover, is_fixed_file, read_annotations  # noqa: E402


def detect_secrets_lines(path: Path) -> set[int]:
    """1-based lines detect-secrets reports in one file (file names it ignores are copied to a
    neutral name first, so every case is scanned)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / ("case" + (path.suffix or ".txt"))
        copy.write_bytes(path.read_bytes())
        secrets = SecretsCollection()
        with default_settings():
            secrets.scan_file(str(copy))
        return {s.line_number for _, s in secrets}


def main() -> int:
    rows = []  # (case file, line, kind, text, prodlint?, detect-secrets?)
    for case in discover():
        if case.rule.rule.code != "SEC001":
            continue
        root = case.path if case.path.is_dir() else case.path.parent
        files = [p for p in (case.path.rglob("*") if case.path.is_dir() else [case.path])
                 if p.is_file() and not is_fixed_file(p.name)]
        notes = read_annotations(root, files, "SEC001")
        report = run([str(case.path)], Overrides(select=("SEC001",)), jobs=1)
        ours = {(Path(f.path).resolve(), f.line) for f in report.findings}
        for path in files:
            theirs = detect_secrets_lines(path)
            rel = path.relative_to(root).as_posix()
            lines = path.read_text().split("\n")
            for kind, keys in (("expect", notes.expect.keys()), ("ok", notes.ok)):
                for file_rel, row in keys:
                    if file_rel != rel:
                        continue
                    line = row + 1
                    rows.append((os.path.relpath(path, ROOT), line, kind, lines[row].strip()[:90],
                                 (path.resolve(), line) in ours, line in theirs))
    expect = [r for r in rows if r[2] == "expect"]
    ok = [r for r in rows if r[2] == "ok"]
    print(f"{len(expect)} secrets, {len(ok)} look-alikes in SEC001's cases\n")
    print(f"prodlint:       finds {sum(r[4] for r in expect)}/{len(expect)} secrets, "
          f"flags {sum(r[4] for r in ok)}/{len(ok)} look-alikes")
    print(f"detect-secrets: finds {sum(r[5] for r in expect)}/{len(expect)} secrets, "
          f"flags {sum(r[5] for r in ok)}/{len(ok)} look-alikes\n")
    print("Secrets detect-secrets misses:")
    for r in expect:
        if r[4] and not r[5]:
            print(f"  {r[0]}:{r[1]}  {r[3]}")
    print("\nSecrets prodlint misses:")
    for r in expect:
        if r[5] and not r[4]:
            print(f"  {r[0]}:{r[1]}  {r[3]}")
    print("\nLook-alikes detect-secrets flags (false positives):")
    for r in ok:
        if r[5]:
            print(f"  {r[0]}:{r[1]}  {r[3]}")
    print("\nLook-alikes prodlint flags (false positives):")
    for r in ok:
        if r[4]:
            print(f"  {r[0]}:{r[1]}  {r[3]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
