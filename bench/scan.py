"""Cold `prodlint check` over a corpus, next to the raw tree-sitter parse of the same files.

    python bench/scan.py [CORPUS_DIR] [--files 5000] [--out bench/out/scan.json]

Without a directory it generates the seeded corpus of bench/corpus.py (5,000 files, ~50 MB) into
bench/corpus/. Reports, from one run: files/s, MB/s and peak RSS of a cold `prodlint check`
(a new process, imports included) with the default worker count and with `--jobs 1`, the raw
parse time of the same files (one process, bytes already in memory: the floor), and the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "server"))
sys.path.insert(0, HERE)

from corpus import generate  # noqa: E402

from prodlint.languages import GRAMMAR_LANGUAGES, language_for  # noqa: E402
from prodlint.parsing import parser_for  # noqa: E402
from prodlint.walk import walk  # noqa: E402


def raw_parse(files: list[str]) -> tuple[float, int]:
    """Seconds to parse every file once with tree-sitter (sources pre-read), and total bytes."""
    sources = []
    for path in files:
        with open(path, "rb") as fh:
            sources.append((language_for(path), fh.read()))
    for lang in {lang for lang, _ in sources}:
        parser_for(lang)  # load grammars outside the timing
    start = time.perf_counter()
    for lang, data in sources:
        parser_for(lang).parse(data)
    return time.perf_counter() - start, sum(len(d) for _, d in sources)


_MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "proc = subprocess.run(sys.argv[1:], capture_output=True)\n"
    "elapsed = time.perf_counter() - start\n"
    "sys.stdout.buffer.write(proc.stdout)\n"
    "sys.stderr.write(json.dumps({'rc': proc.returncode, 'seconds': elapsed,\n"
    "    'peak_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, 'err': proc.stderr.decode()[-2000:]}))\n"
)


def cold_check(corpus: str, jobs: int | None) -> dict:
    """A new `prodlint check` process, timed and measured by a fresh wrapper process, so the
    peak RSS is this run's (the largest of prodlint's processes), not the benchmark's."""
    cmd = [sys.executable, "-m", "prodlint", "check", "--format", "json", "--exit-zero", corpus]
    if jobs is not None:
        cmd[4:4] = ["--jobs", str(jobs)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([os.path.join(HERE, "..", "server"),
                                                         os.path.join(HERE, "..", "rules")])}
    proc = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, env=env)
    info = json.loads(proc.stderr.decode().strip().splitlines()[-1])
    if info["rc"] != 0:
        raise SystemExit(f"prodlint failed: {info['err']}")
    findings = len(json.loads(proc.stdout))
    return {"seconds": round(info["seconds"], 3), "findings": findings,
            "peak_rss_mb": round(info["peak_kb"] / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?")
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--out", default=os.path.join(HERE, "out", "scan.json"))
    args = parser.parse_args()
    corpus = args.corpus or os.path.join(HERE, "corpus")
    if args.corpus is None and not os.path.isdir(corpus):
        print(f"generating {args.files} files into {corpus} …", file=sys.stderr)
        generate(corpus, args.files)
    files = [p for p in walk(corpus) if isinstance(p, str) and language_for(p) in GRAMMAR_LANGUAGES]
    parse_s, total = raw_parse(files)
    mb = total / 1e6
    results = {"corpus": corpus, "files": len(files), "megabytes": round(mb, 2), "cpus": os.cpu_count(),
               "raw_parse_seconds": round(parse_s, 3), "raw_parse_ms_per_mb": round(parse_s * 1000 / mb, 1)}
    for label, jobs in (("default_jobs", None), ("one_job", 1)):
        run = cold_check(corpus, jobs)
        run["files_per_s"] = round(len(files) / run["seconds"], 1)
        run["mb_per_s"] = round(mb / run["seconds"], 2)
        run["ratio_to_raw_parse"] = round(run["seconds"] / parse_s, 2)
        results[label] = run
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as fh:
        json.dump(results, fh, indent=2)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
