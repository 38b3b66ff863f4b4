"""Cold `prodlint check` against a minimal tree-sitter scanner over the same files: CPU and wall.

    python bench/scan.py [DIR ...] [--files 5000] [--rounds 4] [--out bench/out/scan.json]

Without a directory it generates the seeded corpus of bench/corpus.py (5,000 files, ~50 MB) into
bench/corpus/. For each directory, in each of `--rounds` rounds:

- `prodlint check` as a new process (imports included), with `--jobs 1` and with 2 workers;
- the minimal scanner (bench/minimal_scanner.py), also a new process, with 1 and 2 processes: read
  each file prodlint reads (not the binary or oversized ones it skips), parse it, run ONE query per
  language made of every pattern prodlint compiles, and consume the matches. That is the floor a
  tree-sitter linter with these patterns cannot beat.

Runs are cold (`--no-cache`), but neither tool compiles its Python source on each run: both run
from bytecode compiled beforehand into bench/out/pycache, as an installed package does. CPU
seconds are user + sys of the measured process and all its children (`RUSAGE_CHILDREN` of a
fresh wrapper process), so pool workers count. The ratios (prodlint / scanner, CPU at one job and
wall at two) are the numbers to compare; absolute times depend on the machine's load. Each ratio
is taken within a round, between runs made one after the other (the scanner first in even rounds,
prodlint first in odd ones: the second run of a pair pays for the first's load), and the median of
the rounds' ratios is reported (on a shared machine one round's ratio moved by ±0.2). Results go to
bench/out/scan.json (every round included) and a readable summary to bench/out/scan.txt.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "..", "server")
RULES = os.path.join(HERE, "..", "rules")
sys.path.insert(0, SERVER)
sys.path.insert(0, RULES)
sys.path.insert(0, HERE)

from corpus import generate  # noqa: E402

from prodlint.languages import GRAMMAR_LANGUAGES, language_for  # noqa: E402
from prodlint.project import Overrides, config_for  # noqa: E402
from prodlint.walk import Skipped, read_source, walk  # noqa: E402

_MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "proc = subprocess.run(sys.argv[1:], capture_output=True)\n"
    "elapsed = time.perf_counter() - start\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "sys.stdout.buffer.write(proc.stdout)\n"
    "sys.stderr.write(json.dumps({'rc': proc.returncode, 'seconds': elapsed, 'cpu': use.ru_utime + use.ru_stime,\n"
    "    'peak_kb': use.ru_maxrss, 'err': proc.stderr.decode()[-2000:]}))\n"
)


#: where both tools' bytecode is kept (never beside the sources)
PYCACHE = os.path.join(HERE, "out", "pycache")


def _env() -> dict[str, str]:
    """Both tools run as an installed package does: pip compiles a package's modules when it
    installs it, so no run compiles source. A machine with PYTHONDONTWRITEBYTECODE set would
    otherwise make every measured run of prodlint compile its ~100 modules (~0.2 s) again."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SERVER, RULES]), "PYTHONPYCACHEPREFIX": PYCACHE}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def warm_bytecode(file_list: str) -> None:
    """Compile both tools' modules (and the standard library modules they import) into `PYCACHE`
    with one unmeasured run of each on a few files of every kind, plus compileall for modules
    a run imports only on some inputs."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", SERVER, RULES, HERE], env=_env(),
                   capture_output=True)
    with open(file_list) as fh:
        spec = json.load(fh)
    sample: dict[str, str] = {}
    for language, path in spec["files"]:
        sample.setdefault(language, path)
    with tempfile.TemporaryDirectory() as tmp:
        for i, path in enumerate(sample.values()):
            shutil.copyfile(path, os.path.join(tmp, f"{i}{os.path.splitext(path)[1]}"))
        for name in ("Dockerfile", ".env", "Procfile", "docker-compose.yml"):
            with open(os.path.join(tmp, name), "w") as fh:
                fh.write("# sample\n")
        small = dict(spec, files=list(map(list, sample.items())))
        small_list = os.path.join(tmp, "files.json")
        with open(small_list, "w") as fh:
            json.dump(small, fh)
        for cmd in ([sys.executable, "-m", "prodlint", "check", *_cache_flags(), "--jobs", "1", "--format", "json",
                     "--exit-zero", tmp],
                    [sys.executable, os.path.join(HERE, "minimal_scanner.py"), small_list]):
            subprocess.run(cmd, env=_env(), capture_output=True)


def measured(cmd: list[str]) -> tuple[dict, bytes]:
    """Run `cmd` under a fresh wrapper: wall seconds, CPU seconds (children included), peak RSS."""
    env = _env()
    proc = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, env=env)
    info = json.loads(proc.stderr.decode().strip().splitlines()[-1])
    if info["rc"] != 0:
        raise SystemExit(f"{cmd[2:4]} failed: {info['err']}")
    return {"wall_s": round(info["seconds"], 3), "cpu_s": round(info["cpu"], 3),
            "peak_rss_mb": round(info["peak_kb"] / 1024, 1)}, proc.stdout


def _cache_flags() -> list[str]:
    """`--no-cache` where the CLI has a result cache: the runs measured here are cold."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SERVER, RULES])}
    help_text = subprocess.run([sys.executable, "-m", "prodlint", "check", "--help"], capture_output=True,
                               env=env, text=True).stdout
    return ["--no-cache"] if "--no-cache" in help_text else []


def prodlint_run(directory: str, jobs: int) -> dict:
    cmd = [sys.executable, "-m", "prodlint", "check", *_cache_flags(), "--jobs", str(jobs), "--format", "json",
           "--exit-zero", directory]
    row, out = measured(cmd)
    row["findings"] = len(json.loads(out))
    return row


def scanner_run(file_list: str, procs: int) -> dict:
    row, out = measured([sys.executable, os.path.join(HERE, "minimal_scanner.py"), file_list, "--procs", str(procs)])
    row["matches"] = json.loads(out)["matches"]
    return row


def query_source(language: str) -> str:
    """Every pattern prodlint's engine compiles for `language`, as one query source."""
    from prodlint.engine import _owners_for

    return "\n".join(source for _, source in _owners_for(language))


def _read_by_prodlint(path: str) -> bool:
    """Whether prodlint reads the file at all: it skips binary content (a UTF-16 source is not
    UTF-8), undecodable text and files over its size limit, with a log line. The scanner gets the
    same files, or it would time parses (and error recoveries) no linter does: two UTF-16 files of
    the public apps cost it 0.3 s, a tenth of its run."""
    return not isinstance(read_source(path, config_for(path, Overrides()).max_file_size), Skipped)


#: the four runs of a round, in the order they are interleaved (key, tool, processes), and the
#: ratios read from them
RUNS = (("scanner_1", "scanner", 1), ("prodlint_jobs_1", "prodlint", 1), ("scanner_2", "scanner", 2),
        ("prodlint_jobs_2", "prodlint", 2))
RATIOS = (("cpu_ratio_jobs_1", "cpu_s", "prodlint_jobs_1", "scanner_1"),
          ("cpu_ratio_jobs_2", "cpu_s", "prodlint_jobs_2", "scanner_2"),
          ("wall_ratio_jobs_1", "wall_s", "prodlint_jobs_1", "scanner_1"),
          ("wall_ratio_jobs_2", "wall_s", "prodlint_jobs_2", "scanner_2"))


def runs_in_order(index: int) -> list[tuple[str, str, int]]:
    """The runs of round `index`: each pair (one job, then two) with the scanner first in even
    rounds and prodlint first in odd ones. On this machine the second run of a pair was slower
    by itself (a two-worker run after another took up to a third more CPU than alone), so a
    fixed order charged one tool for the other's load; alternating spreads it over both."""
    pairs = [RUNS[0:2], RUNS[2:4]]
    return [run for pair in pairs for run in (pair if index % 2 == 0 else pair[::-1])]


def bench_directory(directory: str, rounds: int = 4) -> dict:
    """`rounds` rounds of the four runs, interleaved so that each prodlint run is compared with
    the scanner run just before it, under about the same machine state. On a shared machine one
    pair's ratio moved by ±0.2 between rounds; each ratio reported is the median of its rounds'
    ratios (every round's is kept in `rounds`), and each run's times are those of its round of
    median CPU."""
    files = [p for p in walk(directory) if isinstance(p, str) and language_for(p) in GRAMMAR_LANGUAGES
             and _read_by_prodlint(p)]
    size = sum(os.path.getsize(p) for p in files)
    spec = {"queries": {lang: query_source(lang) for lang in sorted(GRAMMAR_LANGUAGES)},
            "files": [[language_for(p), p] for p in files]}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(spec, fh)
        file_list = fh.name
    measured_rounds: list[dict] = []
    try:
        warm_bytecode(file_list)
        for index in range(max(1, rounds)):
            one: dict = {}
            for key, tool, jobs in runs_in_order(index):
                one[key] = scanner_run(file_list, jobs) if tool == "scanner" else prodlint_run(directory, jobs)
            one["order"] = "prodlint first" if index % 2 else "scanner first"
            for name, measure, mine, theirs in RATIOS:
                one[name] = round(one[mine][measure] / one[theirs][measure], 2)
            measured_rounds.append(one)
    finally:
        os.unlink(file_list)
    row: dict = {"directory": directory, "files": len(files), "megabytes": round(size / 1e6, 2)}
    for name, *_ in RATIOS:
        row[name] = round(statistics.median(r[name] for r in measured_rounds), 2)
    for key, _, _ in RUNS:
        row[key] = sorted((r[key] for r in measured_rounds), key=lambda run: run["cpu_s"])[len(measured_rounds) // 2]
    row["rounds"] = measured_rounds
    return row


def summary(rows: list[dict]) -> str:
    lines = []
    for row in rows:
        lines.append(f"{row['directory']}: {row['files']} files, {row['megabytes']} MB")
        for key, _, _ in RUNS:
            r = row[key]
            lines.append(f"  {key:16} cpu {r['cpu_s']:7.2f} s  wall {r['wall_s']:7.2f} s  "
                         f"peak {r['peak_rss_mb']:6.1f} MB")
        rounds = row.get("rounds", [])
        what = f"median of {len(rounds)} rounds" if len(rounds) > 1 else "one round"
        lines.append(f"  prodlint / scanner ({what}): CPU x{row['cpu_ratio_jobs_1']} (1 job), "
                     f"x{row['cpu_ratio_jobs_2']} (2 workers); wall x{row['wall_ratio_jobs_1']} (1 job), "
                     f"x{row['wall_ratio_jobs_2']} (2 workers)")
        if len(rounds) > 1:
            lines.append("  rounds: CPU 1 job " + ", ".join(f"x{r['cpu_ratio_jobs_1']}" for r in rounds)
                         + "; wall 2 workers " + ", ".join(f"x{r['wall_ratio_jobs_2']}" for r in rounds))
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="*")
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--out", default=os.path.join(HERE, "out", "scan.json"))
    parser.add_argument("--rounds", type=int, default=4, help="interleaved rounds per folder (medians reported)")
    args = parser.parse_args()
    dirs = [os.path.abspath(d) for d in args.dirs]
    if not dirs:
        corpus = os.path.join(HERE, "corpus")
        if not os.path.isdir(corpus):
            print(f"generating {args.files} files into {corpus} …", file=sys.stderr)
            generate(corpus, args.files)
        dirs = [corpus]
    rows = [bench_directory(d, args.rounds) for d in dirs]
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as fh:
        json.dump({"cpus": os.cpu_count(), "runs": rows}, fh, indent=2)
    text = summary(rows)
    with open(os.path.splitext(args.out)[0] + ".txt", "w") as fh:
        fh.write(text)
    print(text, end="")


if __name__ == "__main__":
    main()
