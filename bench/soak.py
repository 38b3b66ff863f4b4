"""Soak benchmark for the language server (not a test): a long session of edits across many open
documents, watching for memory growth and latency drift.

A seeded workspace of `--documents` JavaScript and Python files (the generators of
bench/lsp_latency.py) is indexed and every file opened; then, until `--minutes` have passed,
a random document gets an edit: a snippet (a character, a comment line, an empty catch, a
localhost URL) inserted at a random line, or the last one removed again, so the text stays the
size it was. Each edit waits for the `publishDiagnostics` of its version (`lintDelay` 0: the
debounce is not part of the latency); every 20th edit also asks for code actions. The server's
RSS is sampled every few seconds.

    python bench/soak.py [--minutes 10] [--documents 200] [--seed 11] [--out bench/out/soak.json]

Writes bench/out/soak.json (or --out): RSS at start (after opening everything) and end, p50/p95/max latency
overall and per time window, so growth over the session shows.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from lsp_latency import SERVER, Client, generate_workspace, percentile, rss_mb  # noqa: E402

SNIPPETS = {
    "javascript": ["x", "// note\n", "try { f(); } catch (e) {}\n", "const u = 'http://localhost:1234/x';\n"],
    "python": ["x", "# note\n", "try:\n    f()\nexcept Exception:\n    pass\n", "U = 'http://localhost:1234/x'\n"],
}
WINDOWS = 10


class Doc:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.uri = path.as_uri()
        self.language = "python" if path.suffix == ".py" else "javascript"
        self.text = path.read_text()
        self.version = 1
        self.pending: tuple[int, str] | None = None  # (line, snippet) inserted and not yet removed

    def next_change(self, rng: random.Random) -> dict[str, Any]:
        """An insertion at a random line start, or the removal of the previous one."""
        if self.pending is None:
            line = rng.randrange(max(1, self.text.count("\n")))
            snippet = rng.choice(SNIPPETS[self.language])
            self.pending = (line, snippet)
            position = {"line": line, "character": 0}
            return {"range": {"start": position, "end": position}, "text": snippet}
        line, snippet = self.pending
        self.pending = None
        lines = snippet.count("\n")
        end = {"line": line + lines, "character": 0 if snippet.endswith("\n") else len(snippet)}
        return {"range": {"start": {"line": line, "character": 0}, "end": end}, "text": ""}


def window_stats(samples: list[tuple[float, float]], rss: list[tuple[float, float]], start: float,
                 length: float) -> list[dict[str, Any]]:
    out = []
    for i in range(WINDOWS):
        lo, hi = start + i * length, start + (i + 1) * length
        values = [ms for t, ms in samples if lo <= t < hi]
        memory = [mb for t, mb in rss if lo <= t < hi]
        if not values:
            continue
        out.append({"from_s": round(lo - start, 1), "to_s": round(hi - start, 1), "edits": len(values),
                    "p50_ms": round(percentile(values, 0.5), 2), "p95_ms": round(percentile(values, 0.95), 2),
                    "max_ms": round(max(values), 2), "rss_mb": round(memory[-1], 1) if memory else None})
    return out


async def soak(minutes: float, documents: int, seed: int) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="prodlint-soak-"))
    try:
        root = work / "workspace"
        root.mkdir()
        generate_workspace(root, documents, seed)
        paths = sorted(p for p in root.rglob("*") if p.suffix in (".js", ".py"))[:documents]
        docs = [Doc(p) for p in paths]
        client, _ = await Client.spawn(SERVER)
        await client.initialize(root, {"lintDelay": 0})
        indexed = client.expect("$/progress", lambda p: isinstance(p.get("value"), dict)
                                and p["value"].get("kind") == "end")
        client.notify("initialized", {})
        await asyncio.wait_for(indexed, 900)
        for doc in docs:
            published = client.expect("textDocument/publishDiagnostics",
                                      lambda p, d=doc: p["uri"] == d.uri and p.get("version") == 1)
            client.notify("textDocument/didOpen", {"textDocument": {
                "uri": doc.uri, "languageId": doc.language, "version": 1, "text": doc.text}})
            await asyncio.wait_for(published, 120)
        await asyncio.sleep(1.0)  # the settle of the last opened documents
        pid = client.proc.pid
        rss_start = rss_mb(pid)
        rng = random.Random(seed)
        samples: list[tuple[float, float]] = []
        actions: list[float] = []
        rss: list[tuple[float, float]] = [(time.perf_counter(), rss_start)]
        started = time.perf_counter()
        deadline = started + minutes * 60
        next_rss = started + 5
        edits = 0
        while time.perf_counter() < deadline:
            doc = rng.choice(docs)
            change = doc.next_change(rng)
            doc.version += 1
            published = client.expect("textDocument/publishDiagnostics",
                                      lambda p, d=doc, v=doc.version: p["uri"] == d.uri and p.get("version") == v)
            sent = time.perf_counter()
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": doc.uri, "version": doc.version}, "contentChanges": [change]})
            _, arrived = await asyncio.wait_for(published, 120)
            samples.append((sent, (arrived - sent) * 1000))
            edits += 1
            if edits % 20 == 0:
                asked = time.perf_counter()
                await asyncio.wait_for(client.request("textDocument/codeAction", {
                    "textDocument": {"uri": doc.uri},
                    "range": {"start": {"line": 0, "character": 0}, "end": {"line": 50, "character": 0}},
                    "context": {"diagnostics": []}}), 120)
                actions.append((time.perf_counter() - asked) * 1000)
            if time.perf_counter() >= next_rss:
                rss.append((time.perf_counter(), rss_mb(pid)))
                next_rss += 5
        await asyncio.sleep(1.0)
        rss_end = rss_mb(pid)
        rss.append((time.perf_counter(), rss_end))
        await client.close()
        latencies = [ms for _, ms in samples]
        elapsed = time.perf_counter() - started
        return {
            "minutes": round(elapsed / 60, 2), "documents": len(docs), "edits": edits, "seed": seed,
            "edits_per_s": round(edits / elapsed, 1),
            "rss_mb": {"start": round(rss_start, 1), "end": round(rss_end, 1),
                       "max": round(max(mb for _, mb in rss), 1)},
            "edit_to_diagnostics_ms": {"p50": round(percentile(latencies, 0.5), 2),
                                       "p95": round(percentile(latencies, 0.95), 2),
                                       "max": round(max(latencies), 2)},
            "code_action_ms": {"p50": round(percentile(actions, 0.5), 2) if actions else None,
                               "p95": round(percentile(actions, 0.95), 2) if actions else None},
            "windows": window_stats(samples, rss, started, elapsed / WINDOWS),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", default=str(HERE / "out" / "soak.json"))
    args = parser.parse_args()
    result = asyncio.run(soak(args.minutes, args.documents, args.seed))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k != "windows"}, indent=2))
    for w in result["windows"]:
        print(f"  {w['from_s']:>7}-{w['to_s']:<7}s  edits {w['edits']:>5}  p50 {w['p50_ms']:>7} ms  "
              f"p95 {w['p95_ms']:>7} ms  max {w['max_ms']:>8} ms  rss {w['rss_mb']} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
