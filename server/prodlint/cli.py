"""The command line: `prodlint check`, `rules`, `explain`, `serve`.

Exit codes: 0 clean, 1 findings, 2 usage or configuration error (never a traceback).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from prodlint import __version__

MAX_FIX_ROUNDS = 10


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
    check.add_argument("--format", choices=["text", "json", "sarif", "github"], default="text")
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

    sub.add_parser("rules", help="list every rule")
    explain = sub.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule", metavar="CODE|NAME")

    serve = sub.add_parser("serve", help="run the language server (stdio)")
    serve.add_argument("--tcp", metavar="HOST:PORT", help="listen on TCP instead of stdio (for debugging)")
    serve.add_argument("--stdio", action="store_true", help="stdio (the default)")
    serve.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    serve.add_argument("--log-file", metavar="PATH", help="also write the server's log to PATH")
    doctor = sub.add_parser("doctor", help="what prodlint and the editor packages would run (for bug reports)")
    doctor.add_argument("path", nargs="?", default=".", metavar="PATH", help="the file or folder to report on")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
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

        return serve(tcp=args.tcp, log_level=args.log_level, log_file=args.log_file)
    if args.command == "doctor":
        from prodlint.doctor import report

        print(report(args.path))
        return 0
    if args.command == "rules":
        return _rules()
    if args.command == "explain":
        return _explain(args.rule)
    return _check(args)


def _rules() -> int:
    from prodlint.registry import all_rules

    rows = [("CODE", "NAME", "CAT", "SCOPE", "FIX", "SUMMARY")]
    for loaded in all_rules():
        r = loaded.rule
        rows.append((r.code, r.name, r.category, r.scope.value, "yes" if r.fix else "-", r.summary))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5])
    return 0


def _explain(key: str) -> int:
    from prodlint.registry import find_rule

    loaded = find_rule(key)
    if loaded is None:
        print(f"prodlint: no rule {key!r} (see `prodlint rules`)", file=sys.stderr)
        return 2
    r = loaded.rule
    print(f"# {r.code} {r.name}\n\ncategory {r.category} · scope {r.scope.value} · default severity "
          f"{r.severity.value}{' · fix: ' + r.fix if r.fix else ''}\n")
    print(r.doc)
    return 0


def _check(args: argparse.Namespace) -> int:
    from prodlint.config import ConfigError
    from prodlint.fixes import plan, write_edits
    from prodlint.output import forget_file_texts, locate
    from prodlint.project import Overrides, run

    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="prodlint: %(message)s", stream=sys.stderr)
    try:
        overrides = Overrides(select=_split(args.select), ignore=_split(args.ignore),
                              extend_select=_split(args.extend_select))
        missing = [p for p in args.paths if not os.path.exists(p)]
        if missing:
            print(f"prodlint: {missing[0]}: no such file or directory", file=sys.stderr)
            return 2
        report = run(args.paths, overrides, jobs=args.jobs, verbose=args.verbose)
        fixed = 0
        if args.fix:
            for _ in range(MAX_FIX_ROUNDS):
                chosen, per_file = plan(report.findings, args.unsafe_fixes)
                if not chosen or not write_edits(per_file):
                    break
                fixed += len(chosen)
                forget_file_texts()
                report = run(args.paths, overrides, jobs=args.jobs, verbose=False)
    except ConfigError as exc:
        print(f"prodlint: configuration error: {exc}", file=sys.stderr)
        return 2
    for skip in report.skipped if args.verbose else ():
        print(f"prodlint: skipped {skip.path}: {skip.reason}", file=sys.stderr)
    located = [locate(f) for f in report.findings]
    if args.format == "json":
        from prodlint.output import json as fmt

        sys.stdout.write(fmt.render(located))
    elif args.format == "sarif":
        from prodlint.output import sarif

        sys.stdout.write(sarif.render(located))
    elif args.format == "github":
        from prodlint.output import github

        sys.stdout.write(github.render(located))
    else:
        from prodlint.output import text

        if fixed and not args.quiet:
            print(f"Fixed {fixed} problem{'s' if fixed != 1 else ''}.")
        sys.stdout.write(text.render(located, statistics=args.statistics, quiet=args.quiet))
    if report.errors:
        for err in dict.fromkeys(report.errors):
            print(f"prodlint: internal error: {err}", file=sys.stderr)
    if args.exit_zero:
        return 0
    return 1 if report.findings else 0
