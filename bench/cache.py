"""The result cache: a cold `prodlint check` against a warm re-run after one file changed.

    python bench/cache.py [CORPUS_DIR] [--files 5000] [--out bench/out/cache.json]

Without a directory it uses (or generates) the seeded corpus of bench/corpus.py in bench/corpus/.
The corpus is copied to a temporary folder first (a file of the copy is edited), then, each as a
new process with imports included, running a snapshot of the source: a cold run with an empty cache, the same run after appending
a comment to one file (the warm run the target is about: at most 0.2x the cold one), a warm run
with nothing changed, and an uncached run for reference. Findings of every run must match.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from corpus import generate  # noqa: E402

TARGET = 0.2


def snapshot_code(tmp: str) -> list[str]:
    """A copy of prodlint's source for the runs to import: the rule-set version hashes the source,
    so an edit in the working tree during the benchmark must not look like an upgrade."""
    paths = []
    for part in ("server", "rules"):
        target = os.path.join(tmp, "code", part)
        shutil.copytree(os.path.join(HERE, "..", part), target,
                        ignore=shutil.ignore_patterns("__pycache__", "*.examples", "*.egg-info"))
        paths.append(target)
    return paths


def timed_check(corpus: str, cache_dir: str, *extra: str, code: list[str]) -> tuple[float, list]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(code)}
    cmd = [sys.executable, "-m", "prodlint", "check", "--format", "json", "--exit-zero",
           "--cache-dir", cache_dir, *extra, corpus]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"prodlint failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return elapsed, json.loads(proc.stdout)


def first_source_file(corpus: str) -> str:
    for directory, dirs, files in os.walk(corpus):
        dirs.sort()
        for name in sorted(files):
            if name.endswith((".js", ".ts", ".py")):
                return os.path.join(directory, name)
    raise SystemExit(f"no source file in {corpus}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?")
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--out", default=os.path.join(HERE, "out", "cache.json"))
    args = parser.parse_args()
    source = args.corpus or os.path.join(HERE, "corpus")
    if args.corpus is None and not os.path.isdir(source):
        print(f"generating {args.files} files into {source} …", file=sys.stderr)
        generate(source, args.files)
    with tempfile.TemporaryDirectory(prefix="prodlint-cache-bench-") as tmp:
        corpus = os.path.join(tmp, "corpus")
        shutil.copytree(source, corpus)
        cache_dir = os.path.join(tmp, "cache")
        code = snapshot_code(tmp)
        files = sum(len(f) for _, _, f in os.walk(corpus))
        cold_s, cold = timed_check(corpus, cache_dir, code=code)
        touched = first_source_file(corpus)
        with open(touched, "a", encoding="utf-8") as fh:
            fh.write("\n// touched by bench/cache.py\n" if not touched.endswith(".py") else "\n# touched\n")
        warm_s, warm = timed_check(corpus, cache_dir, code=code)
        unchanged_s, unchanged = timed_check(corpus, cache_dir, code=code)
        uncached_s, uncached = timed_check(corpus, cache_dir, "--no-cache", code=code)
        cache_mb = sum(os.path.getsize(os.path.join(cache_dir, n)) for n in os.listdir(cache_dir)) / 1e6
    same = cold == warm == unchanged == uncached
    result = {
        "corpus": source, "files": files, "findings": len(cold), "findings_identical": same,
        "cold_s": round(cold_s, 2), "warm_one_file_touched_s": round(warm_s, 2),
        "warm_nothing_changed_s": round(unchanged_s, 2), "uncached_s": round(uncached_s, 2),
        "warm_over_cold": round(warm_s / cold_s, 3), "target": TARGET,
        "meets_target": warm_s / cold_s <= TARGET, "cache_mb": round(cache_mb, 1),
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=2)
        fh.write("\n")
    print(json.dumps(result, indent=2))
    if not same:
        raise SystemExit("findings differ between cached and uncached runs")


if __name__ == "__main__":
    main()
