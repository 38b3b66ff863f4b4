"""Compare two `prodlint check --format json` outputs finding by finding.

    python bench/finding_diff.py before.json after.json [--codes SEC004,HLT001]

Findings are matched on (path, line, column, end, code, message, fixes); the output lists what
only one side has, and the exit code is 1 when they differ. For refactors that must not change
what prodlint reports (run both sides on the same files, e.g. two git worktrees).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter


def _key(f: dict) -> tuple:
    fixes = tuple((x.get("title"), x.get("applicability")) for x in f.get("fixes") or ())
    return (f["path"], f["line"], f["column"], f["end_line"], f["end_column"], f["code"], f["severity"],
            f["message"], fixes)


def load(path: str, codes: set[str] | None) -> Counter:
    with open(path) as fh:
        data = json.load(fh)
    return Counter(_key(f) for f in data if codes is None or f["code"] in codes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--codes", help="only these rule codes (comma-separated)")
    args = parser.parse_args(argv)
    codes = set(args.codes.split(",")) if args.codes else None
    before, after = load(args.before, codes), load(args.after, codes)
    gone, new = before - after, after - before
    for sign, diff in (("-", gone), ("+", new)):
        for key in sorted(diff):
            path, line, col, _, _, code, _, message, fixes = key
            print(f"{sign} {path}:{line}:{col} {code} {message} {list(fixes) if fixes else ''}".rstrip())
    print(f"{sum(before.values())} before, {sum(after.values())} after: {sum(gone.values())} gone, "
          f"{sum(new.values())} new", file=sys.stderr)
    return 1 if gone or new else 0


if __name__ == "__main__":
    sys.exit(main())
