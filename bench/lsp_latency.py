"""Language-server benchmark, through a real stdio client (a minimal JSON-RPC client below).

Measures, in one run and against baselines taken in the same run:
- `didChange` → `publishDiagnostics` latency (p50/p95) of single-character edits in generated
  1k, 5k and 20k-line JavaScript and Python files, sent as range edits (incremental sync) and as
  the whole new text (full sync, as some clients do), with `initializationOptions: {"lintDelay": 0}`
  (so the debounce is excluded);
- process start → `initialize` response, for `prodlint serve` and for a bare pygls server;
- time to index a generated 5,000-file workspace (initialized → `$/progress` end) and the
  server's RSS after it.

    python bench/lsp_latency.py [--edits 200] [--files 5000] [--runs 7] [--lines 1000,5000,20000]
                                [--languages javascript,python] [--baseline DIR]

Each edit row also gives the server's CPU time per edit (user + system, from /proc), which a
busy machine disturbs far less than the wall-clock latency. `--baseline DIR` measures a second
server beside this one, config by config and in alternation so both see the same machine
state: DIR holds another version's `server/` and `rules/` (e.g.
`git archive <commit> server rules | tar -x -C DIR`), run with them first on PYTHONPATH.

Results are printed and written to bench/out/lsp_latency.json. The generators are seeded, so
every run lints the same code.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SERVER = [sys.executable, "-m", "prodlint", "serve"]
BARE = [sys.executable, "-c", "from pygls.lsp.server import LanguageServer; LanguageServer('bare', '0').start_io()"]


# ------------------------------------------------------------------ a minimal LSP client

class Client:
    """JSON-RPC over a subprocess's stdio; answers the few requests a server sends a client."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.next_id = 0
        self.pending: dict[int, asyncio.Future[Any]] = {}
        self.waiters: list[tuple[str, Any, asyncio.Future[Any]]] = []
        self.reader = asyncio.ensure_future(self._read())

    @classmethod
    async def spawn(cls, cmd: list[str], cwd: str | None = None,
                    env: dict[str, str] | None = None) -> tuple[Client, float]:
        started = time.perf_counter()
        proc = await asyncio.create_subprocess_exec(*cmd, stdin=asyncio.subprocess.PIPE,
                                                    stdout=asyncio.subprocess.PIPE,
                                                    stderr=asyncio.subprocess.DEVNULL, cwd=cwd, env=env)
        return cls(proc), started

    def _write(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    async def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        self._write({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return await future

    def notify(self, method: str, params: Any) -> None:
        self._write({"jsonrpc": "2.0", "method": method, "params": params})

    def expect(self, method: str, predicate: Any = None) -> asyncio.Future[Any]:
        """A future for the next notification `method` whose params satisfy `predicate`."""
        future = asyncio.get_running_loop().create_future()
        self.waiters.append((method, predicate, future))
        return future

    async def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = await stream.readline()
                if not line:
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                elif line in (b"\r\n", b"\n"):
                    break
            message = json.loads(await stream.readexactly(length))
            arrived = time.perf_counter()
            if "id" in message and "method" in message:  # a request from the server
                result: Any = None
                if message["method"] == "workspace/configuration":
                    result = [None for _ in message["params"]["items"]]
                self._write({"jsonrpc": "2.0", "id": message["id"], "result": result})
            elif "id" in message:
                future = self.pending.pop(message["id"], None)
                if future is not None and not future.done():
                    future.set_result((message.get("result"), arrived))
            else:
                for waiter in list(self.waiters):
                    method, predicate, future = waiter
                    if method == message["method"] and (predicate is None or predicate(message["params"])):
                        self.waiters.remove(waiter)
                        if not future.done():
                            future.set_result((message["params"], arrived))

    async def initialize(self, root: Path | None, options: Any = None) -> float:
        params = {"processId": os.getpid(), "rootUri": root.as_uri() if root else None,
                  "capabilities": {"window": {"workDoneProgress": True},
                                   "general": {"positionEncodings": ["utf-16"]},
                                   "textDocument": {"publishDiagnostics": {"versionSupport": True}}},
                  "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}] if root else None,
                  "initializationOptions": options}
        _, arrived = await self.request("initialize", params)
        return arrived

    async def close(self) -> None:
        try:
            await asyncio.wait_for(self.request("shutdown", None), 10)
            self.notify("exit", None)
            await asyncio.wait_for(self.proc.wait(), 10)
        except (asyncio.TimeoutError, ConnectionError):
            self.proc.kill()
        self.reader.cancel()


# ------------------------------------------------------------------ seeded generators

JS_BLOCKS = [
    "function handler{n}(req, res) {{\n  const id = req.params.id;\n  const total = items{n}.reduce((a, b) => a + b.price, 0);\n"
    "  if (!id) {{\n    return res.status(400).json({{ error: 'missing id' }});\n  }}\n  res.json({{ id, total }});\n}}\n",
    "const config{n} = {{\n  retries: {n},\n  timeout: 5000,\n  name: 'service-{n}',\n  tags: ['a', 'b', 'c'],\n}};\n",
    "async function load{n}(client) {{\n  try {{\n    const rows = await client.query('SELECT * FROM t{n} WHERE id = $1', [{n}]);\n"
    "    return rows.map((r) => ({{ ...r, seen: true }}));\n  }} catch (err) {{\n    logger.error(err);\n    throw err;\n  }}\n}}\n",
    "router.get('/items/{n}', async (req, res, next) => {{\n  try {{\n    res.json(await load{n}(db));\n  }} catch (e) {{\n    next(e);\n  }}\n}});\n",
    "class Cache{n} {{\n  constructor() {{\n    this.map = new Map();\n  }}\n  get(k) {{\n    return this.map.get(k);\n  }}\n"
    "  set(k, v) {{\n    this.map.set(k, v);\n  }}\n}}\n",
    "const endpoint{n} = 'http://localhost:{port}/api/{n}';\n",
]
PY_BLOCKS = [
    "def handler_{n}(request):\n    item_id = request.args.get('id')\n    total = sum(i.price for i in ITEMS_{n})\n"
    "    if not item_id:\n        return {{'error': 'missing id'}}, 400\n    return {{'id': item_id, 'total': total}}\n\n\n",
    "CONFIG_{n} = {{\n    'retries': {n},\n    'timeout': 5,\n    'name': 'service-{n}',\n}}\n\n\n",
    "class Cache{n}:\n    def __init__(self):\n        self.data = {{}}\n\n    def get(self, key):\n        return self.data.get(key)\n\n"
    "    def set(self, key, value):\n        self.data[key] = value\n\n\n",
    "async def load_{n}(pool):\n    try:\n        rows = await pool.fetch('SELECT * FROM t{n} WHERE id = $1', {n})\n"
    "        return [dict(r) for r in rows]\n    except Exception:\n        logger.exception('load failed')\n        raise\n\n\n",
    "ENDPOINT_{n} = 'http://localhost:{port}/api/{n}'\n\n\n",
]


def generate(language: str, lines: int, seed: int) -> str:
    rng = random.Random(seed)
    blocks = JS_BLOCKS if language == "javascript" else PY_BLOCKS
    head = "const express = require('express');\nconst router = express.Router();\nconst logger = console;\n\n" \
        if language == "javascript" else "import logging\n\nlogger = logging.getLogger(__name__)\n\n\n"
    out, count, n = [head], head.count("\n"), 0
    while count < lines:
        block = rng.choice(blocks).format(n=n, port=3000 + n % 50)
        out.append(block)
        count += block.count("\n")
        n += 1
    return "".join(out)


def generate_workspace(root: Path, files: int, seed: int) -> None:
    """A monorepo-like tree: a few packages, each with package.json and many small modules."""
    rng = random.Random(seed)
    packages = max(1, files // 500)
    for p in range(packages):
        pkg = root / f"packages/app{p}"
        (pkg / "src").mkdir(parents=True, exist_ok=True)
        (pkg / "package.json").write_text(json.dumps({"name": f"app{p}", "dependencies": {"express": "^4.19.0"}}))
    for i in range(files - packages):
        pkg = root / f"packages/app{i % packages}"
        sub = pkg / "src" / f"mod{i % 20}"
        sub.mkdir(exist_ok=True)
        if rng.random() < 0.7:
            (sub / f"file{i}.js").write_text(generate("javascript", rng.randint(20, 120), seed + i))
        else:
            (sub / f"file{i}.py").write_text(generate("python", rng.randint(20, 120), seed + i))
    (root / "packages/app0/src/server.js").write_text("const express = require('express');\nconst app = express();\napp.listen(3000);\n")


# ------------------------------------------------------------------ measurements

def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def initialize_time(cmd: list[str], root: Path) -> float:
    client, started = await Client.spawn(cmd)
    arrived = await client.initialize(root)
    await client.close()
    return arrived - started


async def edit_latency(language: str, lines: int, edits: int, work: Path, sync: str = "incremental",
                       env: dict[str, str] | None = None) -> dict[str, Any]:
    """Single-character edits sent as range changes (`incremental`) or, as clients without
    incremental sync do, as the whole new text (`full`)."""
    folder = work / f"{language}-{lines}-{sync}-{'baseline' if env else 'current'}"
    folder.mkdir(parents=True)
    name = "app.js" if language == "javascript" else "app.py"
    text = generate(language, lines, seed=lines)
    path = folder / name
    path.write_text(text)
    uri = path.as_uri()
    client, _ = await Client.spawn(SERVER, env=env)
    await client.initialize(folder, {"lintDelay": 0})
    client.notify("initialized", {})
    first = client.expect("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}})
    await first
    await asyncio.sleep(1.0)  # let the background index finish
    rng = random.Random(7)
    file_lines = text.split("\n")
    candidates = [i for i, l in enumerate(file_lines) if l.strip() and l.startswith(" ") and len(l) > 8]
    samples: list[float] = []
    version = 1
    cpu_before = cpu_seconds(client.proc.pid)
    for k in range(edits):
        line = rng.choice(candidates)
        col = len(file_lines[line]) - len(file_lines[line].lstrip()) + 1
        for kind in ("insert", "delete"):
            version += 1
            rng_end = col if kind == "insert" else col + 1
            change = {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": rng_end}},
                      "text": "z" if kind == "insert" else ""}
            if kind == "insert":
                file_lines[line] = file_lines[line][:col] + "z" + file_lines[line][col:]
            else:
                file_lines[line] = file_lines[line][:col] + file_lines[line][col + 1:]
            if sync == "full":
                change = {"text": "\n".join(file_lines)}
            done = client.expect("textDocument/publishDiagnostics",
                                 lambda p, v=version: p["uri"] == uri and p.get("version") == v)
            sent = time.perf_counter()
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                     "contentChanges": [change]})
            _, arrived = await asyncio.wait_for(done, 30)
            samples.append((arrived - sent) * 1000)
    cpu = cpu_seconds(client.proc.pid) - cpu_before
    await client.close()
    return {"language": language, "sync": sync, "lines": len(file_lines), "edits": len(samples),
            "p50_ms": round(percentile(samples, 0.5), 2), "p95_ms": round(percentile(samples, 0.95), 2),
            "max_ms": round(max(samples), 2), "server_cpu_ms_per_edit": round(cpu * 1000 / len(samples), 2)}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def index_run(files: int, work: Path) -> dict[str, Any]:
    root = work / "workspace"
    root.mkdir()
    generate_workspace(root, files, seed=5000)
    client, _ = await Client.spawn(SERVER)
    await client.initialize(root)
    ended = client.expect("$/progress", lambda p: isinstance(p.get("value"), dict) and p["value"].get("kind") == "end")
    started = time.perf_counter()
    client.notify("initialized", {})
    _, arrived = await asyncio.wait_for(ended, 900)
    await asyncio.sleep(0.5)
    rss = rss_mb(client.proc.pid)
    await client.close()
    return {"files": files, "index_s": round(arrived - started, 2), "rss_mb": round(rss, 1)}


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=100, help="edit pairs (insert + delete) per file")
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7, help="initialize measurements per server")
    parser.add_argument("--skip-index", action="store_true")
    parser.add_argument("--lines", default="1000,5000,20000", help="file sizes, comma-separated")
    parser.add_argument("--languages", default="javascript,python")
    parser.add_argument("--baseline", help="directory with another version's server/ and rules/ to measure beside")
    parser.add_argument("--out", default=str(HERE / "out" / "lsp_latency.json"))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="prodlint-bench-"))
    results: dict[str, Any] = {}
    try:
        empty = work / "empty"
        empty.mkdir()
        ours, bare = [], []
        for _ in range(args.runs):  # interleaved, so both see the same machine state
            bare.append(await initialize_time(BARE, empty))
            ours.append(await initialize_time(SERVER, empty))
        results["initialize"] = {"prodlint_ms": round(statistics.median(ours) * 1000, 1),
                                 "bare_pygls_ms": round(statistics.median(bare) * 1000, 1),
                                 "ratio": round(statistics.median(ours) / statistics.median(bare), 3)}
        print(f"initialize: prodlint {results['initialize']['prodlint_ms']} ms, bare pygls "
              f"{results['initialize']['bare_pygls_ms']} ms (x{results['initialize']['ratio']})", flush=True)
        results["edit_latency"] = []
        if args.baseline:
            results["baseline"] = {"path": args.baseline, "edit_latency": []}
        for language in args.languages.split(","):
            for lines in (int(n) for n in args.lines.split(",")):
                for sync in ("incremental", "full"):
                    servers = [("current", None)]
                    if args.baseline:
                        servers.insert(0, ("baseline", _baseline_env(args.baseline)))
                    for label, env in servers:
                        row = await edit_latency(language, lines, args.edits, work, sync, env)
                        (results["baseline"] if env else results)["edit_latency"].append(row)
                        print(f"didChange→publishDiagnostics {language:10} {sync:11} {row['lines']:6} lines "
                              f"({label}): p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, max {row['max_ms']} ms, "
                              f"server CPU {row['server_cpu_ms_per_edit']} ms/edit", flush=True)
        if not args.skip_index:
            results["index"] = await index_run(args.files, work)
            print(f"index {results['index']['files']} files: {results['index']['index_s']} s, "
                  f"RSS {results['index']['rss_mb']} MB", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    return 0


def _baseline_env(directory: str) -> dict[str, str]:
    base = Path(directory).resolve()
    paths = [str(base / "server"), str(base / "rules")]
    if os.environ.get("PYTHONPATH"):
        paths.append(os.environ["PYTHONPATH"])
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
