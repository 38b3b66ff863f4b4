"""Suppression comments.

    // prodlint-ignore SEC001: reason        (own line: the next line; trailing: this line)
    # prodlint: ignore[SEC001, URL001]       (same placement rules)
    // prodlint-ignore-file                  (whole file; `prodlint-ignore-file URL001` for one rule)

Codes and rule names are both accepted; no code means every rule. Comments are taken from the
syntax tree (a string that happens to contain the words suppresses nothing); line formats
(Dockerfile, .env, .gitignore, Procfile, compose YAML) use their `#` lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from prodlint.languages import GRAMMAR_LANGUAGES, comment_prefix
from prodlint.parsing import compile_query

_IGNORE = re.compile(
    r"prodlint-ignore(?P<file>-file)?(?![\w-])(?P<codes>(?:[ \t]+[A-Za-z][\w-]*(?:[ \t]*,[ \t]*[A-Za-z][\w-]*)*)?)"
    r"|prodlint:[ \t]*ignore(?P<file2>-file)?(?:\[(?P<codes2>[^\]]*)\])?"
)
ALL = "*"


@dataclass
class Suppressions:
    """Which codes are silenced on which 0-based lines, and for the whole file."""

    lines: dict[int, set[str]] = field(default_factory=dict)
    file: set[str] = field(default_factory=set)

    def is_suppressed(self, code: str, name: str, line: int) -> bool:
        for keys in (self.file, self.lines.get(line, ())):
            if ALL in keys or code in keys or name in keys:
                return True
        return False


def _codes(raw: str | None) -> set[str]:
    if not raw:
        return {ALL}
    out = set()
    for token in re.split(r"[\s,]+", raw.strip()):
        if not token or token.lower() in ("reason",):
            continue
        out.add(token.upper() if re.fullmatch(r"[A-Za-z]{2,5}\d{3}", token) else token.lower())
    return out or {ALL}


def _add(sup: Suppressions, comment: str, line: int, own_line: bool, next_line: int) -> None:
    for m in _IGNORE.finditer(comment):
        codes_raw = m.group("codes") if m.group("codes") is not None else m.group("codes2")
        if codes_raw is not None and ":" in codes_raw:
            codes_raw = codes_raw.split(":", 1)[0]
        codes = _codes(codes_raw)
        if m.group("file") or m.group("file2"):
            sup.file |= codes
        else:
            sup.lines.setdefault(next_line if own_line else line, set()).update(codes)


def _next_code_line(lines: list[bytes], row: int) -> int:
    """The first line after `row` that is not blank (so a reason on its own line still works)."""
    for nxt in range(row + 1, len(lines)):
        if lines[nxt].strip():
            return nxt
    return row + 1


@dataclass(frozen=True)
class Comment:
    start_row: int
    end_row: int
    text: str
    own_line: bool  # nothing but whitespace before it on its line


def comments(language: str, source: bytes, tree=None) -> Iterator[Comment]:
    """Every comment of a file: comment nodes of the syntax tree (parsed here when `tree` is
    None), or the `#` part of each line for the line formats. Suppressions and the rule
    harness's annotations both read comments through this."""
    lines = source.split(b"\n")
    if language in GRAMMAR_LANGUAGES:
        import tree_sitter as ts

        from prodlint.parsing import parse

        tree = tree if tree is not None else parse(language, source)
        query = compile_query(language, "(comment) @c")
        for node in ts.QueryCursor(query).captures(tree.root_node).get("c", []):
            row = node.start_point[0]
            own = not lines[row][: node.start_point[1]].strip()
            yield Comment(row, node.end_point[0], source[node.start_byte:node.end_byte].decode("utf-8", "replace"), own)
        return
    leader = comment_prefix(language)
    for row, raw in enumerate(lines):
        text = raw.decode("utf-8", "replace")
        hash_at = text.find(leader)
        if hash_at >= 0:
            yield Comment(row, row, text[hash_at:], not text[:hash_at].strip())


def collect(language: str, source: bytes, tree) -> Suppressions:
    """Every suppression in a file. Cheap when the file mentions no `prodlint`."""
    sup = Suppressions()
    if b"prodlint" not in source:
        return sup
    lines = source.split(b"\n")
    if language in GRAMMAR_LANGUAGES and tree is None:
        language = "lines"  # no tree to read comment nodes from: read `#` comments line by line
    for c in comments(language, source, tree):
        if "prodlint" in c.text:
            _add(sup, c.text, c.start_row, c.own_line, _next_code_line(lines, c.end_row))
    return sup
