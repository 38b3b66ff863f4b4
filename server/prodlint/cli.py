"""The command line: `prodlint check`, `report`, `rules`, `explain`, `serve`, `doctor`.

Exit codes: 0 clean, 1 findings, 2 usage or configuration error, or nothing checked (never a
traceback). Output closed early (`prodlint rules | head`) ends quietly with the same exit code.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

from prodlint import __version__

if TYPE_CHECKING:
    from prodlint.cache import Cache
    from prodlint.output import Located
    from prodlint.project import Overrides, Report

MAX_FIX_ROUNDS = 10
FORMATS = ["full", "concise", "text", "json", "sarif", "github", "gitlab"]
TABLE_WIDTH = 100


def _split(values: list[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or []:
        out.extend(v for v in value.replace(",", " ").split() if v)
    return tuple(out)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="prodlint", description="Finds the production failures that AI "
                                     "coding tools leave in web apps.")
    parser.add_argument("--version", action="version", version=f"prodlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="lint files or directories")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    check.add_argument("--output-format", "--format", dest="format", choices=FORMATS, default="full",
                       help="full (default; `text` is the same), concise (one line per finding), json, sarif, "
                            "github (Actions annotations), gitlab (Code Quality)")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                       help="colour text output (auto: on a terminal, unless NO_COLOR is set)")
    check.add_argument("--fix", action="store_true", help="apply safe fixes")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix, also apply unsafe fixes")
    check.add_argument("--select", action="append", metavar="RULES", help="only these rules (codes, names, prefixes)")
    check.add_argument("--extend-select", action="append", metavar="RULES")
    check.add_argument("--ignore", action="append", metavar="RULES", help="skip these rules")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument("--quiet", "-q", action="store_true", help="print findings only")
    check.add_argument("--statistics", action="store_true", help="count findings per rule")
    check.add_argument("--verbose", "-v", action="store_true", help="say which files were skipped and why")
    check.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: CPU count)")
    check.add_argument("--baseline", metavar="FILE", help="report only findings not in this baseline file")
    check.add_argument("--update-baseline", action="store_true",
                       help="write every current finding to the baseline (default .prodlint-baseline.json)")
    check.add_argument("--diff", metavar="BASE", help="only findings on lines changed since the git ref BASE")
    check.add_argument("--no-cache", action="store_true", help="neither read nor write .prodlint_cache/")
    check.add_argument("--cache-dir", metavar="DIR", help="cache folder (default: ./.prodlint_cache)")

    report = sub.add_parser("report", help="a readiness report of a project (HTML or Markdown)")
    report.add_argument("path", nargs="?", default=".", metavar="PATH")
    report.add_argument("--format", choices=["html", "markdown"], default="html")
    report.add_argument("--output", "-o", metavar="FILE",
                        help="where to write it (default: prodlint-report.html for html, stdout for markdown; - for stdout)")

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=["table", "json"], default="table")
    explain = sub.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule", metavar="CODE|NAME")

    serve = sub.add_parser("serve", help="run the language server (stdio)")
    serve.add_argument("--tcp", metavar="HOST:PORT", help="listen on TCP instead of stdio (for debugging; loopback only)")
    serve.add_argument("--allow-remote", action="store_true",
                       help="let --tcp listen on a non-loopback address (no authentication: trusted networks only)")
    serve.add_argument("--stdio", action="store_true", help="stdio (the default)")
    serve.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    serve.add_argument("--log-file", metavar="PATH", help="also write the server's log to PATH")
    doctor = sub.add_parser("doctor", help="what prodlint and the editor packages would run (for bug reports)")
    doctor.add_argument("path", nargs="?", default=".", metavar="PATH", help="the file or folder to report on")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a non-UTF-8 file name is escaped, never written raw
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return 2
    if args.command == "serve":
        from prodlint.lsp.serve import serve

        remote = {"allow_remote": True} if args.allow_remote else {}
        return serve(tcp=args.tcp, log_level=args.log_level, log_file=args.log_file, **remote)
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "doctor": _doctor, "rules": _rules, "explain": _explain, "report": _report, "check": _check}
    return _closed_pipe_safe(commands[args.command], args)


def entry() -> NoReturn:
    """The process entry (the `prodlint` script, `python -m prodlint`): run, flush, and leave
    without tearing the heap down. A large check holds millions of objects (results, facts,
    findings); freeing them one by one at exit, and the interpreter's last collection over all
    of them, cost seconds and change nothing. Everything this process writes is flushed or
    closed by then (the cache file is written and closed before the output)."""
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code if isinstance(code, int) else 1)


def _closed_pipe_safe(command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command whose reader may stop early (`| head`): the rest of the output is dropped
    and the command's exit code kept, with no BrokenPipeError traceback."""
    try:
        code = command(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _drop_stdout()
        return getattr(args, "_exit_code", 0)


def _drop_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _doctor(args: argparse.Namespace) -> int:
    from prodlint.doctor import report

    print(report(args.path))
    return 0


def _rules(args: argparse.Namespace) -> int:
    import json
    import textwrap

    from prodlint.registry import all_rules
    from prodlint.rules_readme import CATEGORIES

    rules = [loaded.rule for loaded in all_rules()]
    if args.format == "json":
        sys.stdout.write(json.dumps([{
            "code": r.code, "name": r.name, "category": r.category, "category_name": CATEGORIES.get(r.category, ""),
            "scope": r.scope.value, "severity": r.severity.value, "fix": r.fix, "summary": r.summary,
        } for r in rules], indent=2, ensure_ascii=False) + "\n")
        return 0
    rows = [(r.code, r.name, r.category, r.scope.value, "yes" if r.fix else "-", r.summary) for r in rules]
    header = ("CODE", "NAME", "CAT", "SCOPE", "FIX", "SUMMARY")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
    lead = sum(widths) + 2 * 5
    room = max(20, TABLE_WIDTH - lead)
    for row in [header, *rows]:
        summary = textwrap.shorten(row[5], width=room, placeholder="…")
        print(("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + summary).rstrip())
    legend = "CAT: " + ", ".join(f"{c} {name}" for c, name in CATEGORIES.items())
    print("\n" + textwrap.fill(legend, width=TABLE_WIDTH, subsequent_indent="     "))
    print("`prodlint explain CODE` prints a rule's documentation; `--format json` lists every field.")
    return 0


def _explain(args: argparse.Namespace) -> int:
    from prodlint.registry import find_rule

    loaded = find_rule(args.rule)
    if loaded is None:
        print(f"prodlint: no rule {args.rule!r} (see `prodlint rules`)", file=sys.stderr)
        return 2
    r = loaded.rule
    print(f"# {r.code} {r.name}\n\ncategory {r.category} · scope {r.scope.value} · default severity "
          f"{r.severity.value}{' · fix: ' + r.fix if r.fix else ''}\n")
    print(r.doc)
    return 0


def _report(args: argparse.Namespace) -> int:
    from prodlint.config import ConfigError
    from prodlint.report import write_report

    if not os.path.exists(args.path):
        print(f"prodlint: {args.path}: no such file or directory", file=sys.stderr)
        return 2
    try:
        return write_report(args.path, args.format, args.output)
    except ConfigError as exc:
        print(f"prodlint: configuration error: {exc}", file=sys.stderr)
        return 2


class _SkipLinesFromRun(logging.Filter):
    """The CLI prints skipped files itself, once each; the run's own lines about them are dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("skipped ")


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is when a record comes (it may be replaced after setup)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter("prodlint: %(message)s"))
        self.addFilter(_SkipLinesFromRun())

    @property  # type: ignore[override]
    def stream(self):  # noqa: D102
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def _setup_logging(verbose: bool) -> None:
    """One handler on the "prodlint" logger (replaced, never stacked, when `main` runs again)."""
    logger = logging.getLogger("prodlint")
    for old in list(logger.handlers):
        if isinstance(old, _StderrHandler):
            logger.removeHandler(old)
    logger.addHandler(_StderrHandler())
    logger.setLevel(logging.INFO if verbose else logging.WARNING)


def _check(args: argparse.Namespace) -> int:
    from prodlint.baseline import DEFAULT_FILE, Baseline, BaselineError, SourceReader
    from prodlint.config import ConfigError
    from prodlint.gitdiff import DiffError, changed_lines, on_changed_lines
    from prodlint.nothing_checked import explain
    from prodlint.output import forget_file_texts, locate_all, secrets_of
    from prodlint.project import Overrides

    _setup_logging(args.verbose)
    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing:
        print(f"prodlint: {missing[0]}: no such file or directory", file=sys.stderr)
        return 2
    baseline_path = args.baseline or (DEFAULT_FILE if args.update_baseline else None)
    try:
        overrides = Overrides(select=_split(args.select), ignore=_split(args.ignore),
                              extend_select=_split(args.extend_select))
        baseline = None
        if baseline_path and not args.update_baseline:
            baseline = Baseline.load(baseline_path)
        changed = changed_lines(args.diff, args.paths[0]) if args.diff else None
        cache = _open_cache(args)
        report = _run(args, overrides, cache)
        fixed = 0
        if args.fix:
            from prodlint.fixes import plan, write_edits

            for _ in range(MAX_FIX_ROUNDS):
                chosen, per_file = plan(report.findings, args.unsafe_fixes)
                if not chosen or not write_edits(per_file):
                    break
                fixed += len(chosen)
                forget_file_texts()
                report = _run(args, overrides, cache, verbose=False)
    except ConfigError as exc:
        print(f"prodlint: configuration error: {exc}", file=sys.stderr)
        return 2
    except (BaselineError, DiffError) as exc:
        print(f"prodlint: {exc}", file=sys.stderr)
        return 2
    _print_skips(report, args.verbose)
    if report.errors:
        for err in dict.fromkeys(report.errors):
            print(f"prodlint: internal error: {err}", file=sys.stderr)
    if report.files == 0:
        print(f"prodlint: {explain(args.paths, report.skipped)}", file=sys.stderr)
        return 2
    everything = report.findings
    if args.update_baseline:
        updated = Baseline.load_or_new(baseline_path)
        updated.replace_with(everything, SourceReader())
        updated.save()
        print(f"prodlint: wrote {len(updated.entries)} finding{'s' if len(updated.entries) != 1 else ''} "
              f"to {baseline_path}; `prodlint check --baseline {baseline_path}` now reports only new ones.",
              file=sys.stderr)
        return 0
    shown = everything
    if changed is not None:
        shown = on_changed_lines(shown, changed)
    baselined = 0
    if baseline is not None:
        before = len(shown)
        shown = baseline.new_findings(shown, SourceReader())
        baselined = before - len(shown)
    args._exit_code = 0 if args.exit_zero or not shown else 1
    located = locate_all(shown, report.positions, report.plain_text)
    _emit(args, located, report, fixed, baselined, secrets_of(everything))
    return args._exit_code


def _open_cache(args: argparse.Namespace) -> Cache | None:
    """The on-disk cache for this run, or None (`--no-cache`, or a folder that cannot be written)."""
    if args.no_cache:
        return None
    from prodlint.cache import open_cache

    return open_cache(args.cache_dir or os.environ.get("PRODLINT_CACHE_DIR") or ".prodlint_cache")


def _run(args: argparse.Namespace, overrides: Overrides, cache: Cache | None, verbose: bool | None = None) -> Report:
    from prodlint.project import run

    verbose = args.verbose if verbose is None else verbose
    if cache is None:
        return run(args.paths, overrides, jobs=args.jobs, verbose=verbose, process_ends_after=True)
    return run(args.paths, overrides, jobs=args.jobs, verbose=verbose, cache=cache, process_ends_after=True)


def _print_skips(report: Report, verbose: bool) -> None:
    if not verbose:
        return
    reasons = {}
    for skip in report.skipped:
        reasons.setdefault(skip.path, skip.reason)
    for path, reason in sorted(reasons.items()):
        print(f"prodlint: skipped {path}: {reason}", file=sys.stderr)
    print(f"prodlint: {report.files} file{'s' if report.files != 1 else ''} checked, {len(reasons)} skipped",
          file=sys.stderr)


def _fix_note(args: argparse.Namespace, located: list[Located], fixed: int) -> str | None:
    """What `--fix` did: fixed N, and M more that only `--unsafe-fixes` would apply."""
    if not args.fix:
        return None
    from prodlint.api import Applicability

    unsafe_left = 0 if args.unsafe_fixes else sum(
        1 for loc in located
        if not any(x.applicability is Applicability.SAFE for x in loc.finding.fixes)
        and any(x.applicability is Applicability.UNSAFE for x in loc.finding.fixes))
    more = f"{unsafe_left} more with --unsafe-fixes" if unsafe_left else ""
    if fixed:
        head = f"Fixed {fixed} problem{'s' if fixed != 1 else ''}."
        return head[:-1] + f"; {more}." if more else head
    if more:
        return f"No safe fix to apply; {more}."
    return "No fix to apply."


def _emit(args: argparse.Namespace, located: list[Located], report: Report, fixed: int, baselined: int,
          secrets: dict) -> None:
    note = _fix_note(args, located, fixed)
    if args.format in ("full", "text", "concise"):
        from prodlint.output import text
        from prodlint.output.text import use_color

        if note and not args.quiet:
            print(note)
        sys.stdout.write(text.render(located, files_checked=report.files, full=args.format != "concise",
                                     secrets=secrets, color=use_color(args.color), show_statistics=args.statistics,
                                     quiet=args.quiet, baselined=baselined))
        return
    if note:
        print(f"prodlint: {note}", file=sys.stderr)
    from importlib import import_module

    module = import_module(f"prodlint.output.{args.format}")
    sys.stdout.write(module.render(located))
