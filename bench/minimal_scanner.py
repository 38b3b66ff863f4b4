"""The floor for a tree-sitter linter: read, parse, ONE query per language, consume the matches.

    python bench/minimal_scanner.py FILE_LIST [--procs N]

FILE_LIST is a JSON file {"queries": {language: query source}, "files": [[language, path], ...]}
written by bench/scan.py (the queries are every pattern prodlint compiles for that language). It
imports only tree-sitter and the grammar wheels, so its start-up is that of a minimal tool. With
`--procs N` the files are shared out to N forked processes, as `prodlint check --jobs N` does.
Prints {"matches": total} on stdout.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import tree_sitter as ts

_queries: dict[str, str] = {}
_compiled: dict[str, tuple[ts.Parser, ts.Query]] = {}


def _grammar(language: str) -> ts.Language:
    if language == "javascript":
        import tree_sitter_javascript as mod

        return ts.Language(mod.language())
    if language in ("typescript", "tsx"):
        import tree_sitter_typescript as mod

        return ts.Language(mod.language_typescript() if language == "typescript" else mod.language_tsx())
    if language == "python":
        import tree_sitter_python as mod

        return ts.Language(mod.language())
    import tree_sitter_json as mod

    return ts.Language(mod.language())


def _tools(language: str) -> tuple[ts.Parser, ts.Query]:
    found = _compiled.get(language)
    if found is None:
        grammar = _grammar(language)
        found = _compiled[language] = (ts.Parser(grammar), ts.Query(grammar, _queries[language]))
    return found


def scan(files: list[tuple[str, str]]) -> int:
    total = 0
    for language, path in files:
        with open(path, "rb") as fh:
            source = fh.read()
        parser, query = _tools(language)
        tree = parser.parse(source)
        for _pattern, captures in ts.QueryCursor(query).matches(tree.root_node):
            total += len(captures)
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file_list")
    parser.add_argument("--procs", type=int, default=1)
    args = parser.parse_args()
    with open(args.file_list) as fh:
        spec = json.load(fh)
    _queries.update(spec["queries"])
    files = [tuple(f) for f in spec["files"]]
    if args.procs <= 1:
        total = scan(files)
    else:
        chunk = max(1, min(64, len(files) // (args.procs * 8) or 1))
        batches = [files[i:i + chunk] for i in range(0, len(files), chunk)]
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=args.procs, mp_context=ctx) as pool:
            total = sum(pool.map(scan, batches))
    print(json.dumps({"matches": total}))


if __name__ == "__main__":
    main()
