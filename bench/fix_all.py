"""Fix all in the language server: the cost of running the rounds of `check --fix` on scratch texts.

    python bench/fix_all.py [--runs 15] [--out bench/out/fix_all.json]

An Express server whose fixes take five rounds (the error middleware, request logging and a
localhost fallback first; the secret's startup check and the SIGTERM handler next; then the
logger module and the process handlers) is opened in an in-process server with `unsafeFixes`,
and the edit of `source.fixAll.prodlint` is computed: once with the rounds capped at one (what
the action did before) and once with every round. Medians of `--runs` runs, in one process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time

SERVER_JS = '''const express = require("express");

const app = express();
const JWT_SECRET = process.env.JWT_SECRET || "dev-secret-change-me";
const API_URL = process.env.API_URL || "http://localhost:4000";

app.get("/health", (req, res) => res.json({ ok: true }));
app.get("/token", (req, res) => res.json({ secret: JWT_SECRET.length, api: API_URL }));

app.listen(process.env.PORT || 3000);
'''


def measure(runs: int) -> dict[str, object]:
    import prodlint.cli
    from prodlint.lsp.fix_rounds import fixed_texts
    from prodlint.lsp.server import ProdlintServer
    from prodlint.lsp.settings import Settings
    from prodlint.lsp.workspace_index import scan_folder

    with tempfile.TemporaryDirectory() as root:
        with open(os.path.join(root, "package.json"), "w") as fh:
            fh.write('{"name": "app", "dependencies": {"express": "^4.18.0"}}\n')
        path = os.path.join(root, "server.js")
        with open(path, "w") as fh:
            fh.write(SERVER_JS)
        ls = ProdlintServer()
        ls.settings = Settings(unsafe_fixes=True)
        ls.index.folders.append(root)  # the workspace folder, scanned as the server scans it
        ls.index.merge_scan(scan_folder(root, ls.overrides, threading.Event()))
        od = ls.open_document("file://" + path, SERVER_JS, 1)
        ls.lint(od, full=True)
        out: dict[str, object] = {}
        for label, cap in (("one_round", 1), ("all_rounds", prodlint.cli.MAX_FIX_ROUNDS)):
            saved = prodlint.cli.MAX_FIX_ROUNDS
            prodlint.cli.MAX_FIX_ROUNDS = cap
            try:
                fixed_texts(ls, od)  # warm: rules loaded, queries compiled
                times, files = [], 0
                for _ in range(runs):
                    start = time.perf_counter()
                    files = len(fixed_texts(ls, od).changed())
                    times.append(time.perf_counter() - start)
            finally:
                prodlint.cli.MAX_FIX_ROUNDS = saved
            out[label] = {"median_ms": round(statistics.median(times) * 1000, 1),
                          "max_ms": round(max(times) * 1000, 1), "files_changed": files}
        out["ratio_all_to_one"] = round(out["all_rounds"]["median_ms"] / out["one_round"]["median_ms"], 2)  # type: ignore[index]
        out["runs"] = runs
        return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "out", "fix_all.json"))
    args = parser.parse_args()
    result = measure(args.runs)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as fh:
        json.dump(result, fh, indent=2)
        fh.write("\n")
    json.dump(result, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
