"""A `.gitignore` file's verdict on a path: pathspec's meaning of each line, decided cheaply.

pathspec translates every line into a regular expression (`pattern_to_regex`); that translation
is what a line means here. Its `GitIgnoreSpec` (pathspec 1.x) then decides a path as follows: among the lines
whose expression matches, the last one that matched the path itself wins; if none did, the last
one that matched only a folder above it (a match through the `ps_d` group, "the directory
mark"). Asking it goes through three Python wrappers per line and path, and every line of every
applicable `.gitignore` is tried for every path of the walk (224k expression searches for 7.7k
paths on 45 public apps), and each line is compiled to an expression even when nothing needs it.

`GitIgnore` gives the same answer (tests/test_walk_gitignore.py compares the two on generated
lines and paths) with less work:
- most lines are plain names (`node_modules`, `dist/`, `/build`, `.env`). pathspec's expression
  for those has one of four fixed shapes, and what it matches is a question about the path's
  components, answered with a dict lookup per component (see `_NameShape` for the argument);
  such lines are never compiled;
- the other lines are tried last line first, each only when the longest literal text its
  expression requires occurs in the path (`_required_literal`), and the search stops at the
  first line that can no longer change the verdict.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple

import pathspec

_PATTERN_CLASS = type(pathspec.GitIgnoreSpec.from_lines(["x"]).patterns[0])
_DIR_MARK = "ps_d"  # the group GitIgnoreSpec reads as "matched a folder above the path"

# The fixed parts of pathspec's expressions (patterns/gitignore/spec.py, `__translate_segments`).
_ANY_FOLDERS = r"^(?:.+/)?"  # a line without a slash, or starting with `**/`: any depth
_END = rf"(?:(?P<{_DIR_MARK}>/)|$)"  # a line not ending in `/`: the path itself, or a folder above it
_DIR_END = rf"(?P<{_DIR_MARK}>/)"  # a line ending in `/`: only a folder, so always a folder above

# One token of such an expression. A literal is a character `re.escape` leaves alone or a
# backslash before a non-alphanumeric one (`re.escape`'s output): both stand for that character.
_TOKEN = re.compile(
    "(?P<any>" + re.escape(_ANY_FOLDERS) + ")"
    "|(?P<inner>" + re.escape("(?:/.+)?") + ")"
    "|(?P<end>" + re.escape(_END) + ")"
    "|(?P<dirend>" + re.escape(_DIR_END) + ")"
    "|(?P<glob>" + re.escape("[^/]") + "[*+]?)"
    "|(?P<root>\\^)"  # a line anchored at the .gitignore's folder
    "|(?P<lit>\\\\[^0-9A-Za-z]|[^\\\\.^$*+?{}\\[\\]|()])",
    re.S,
)


def _tokens(regex: str) -> list[tuple[str, str]] | None:
    """The tokens of `regex`, or None when it holds anything else (a bracket expression, `.`):
    such an expression gets no shortcut, only its search."""
    out: list[tuple[str, str]] = []
    pos, end = 0, len(regex)
    while pos < end:
        m = _TOKEN.match(regex, pos)
        if m is None:
            return None
        kind = m.lastgroup or ""
        if kind in ("any", "root") and pos:
            return None  # an anchor inside: not one of pathspec's shapes
        text = m.group()
        out.append((kind, text[-1] if kind == "lit" else text))
        pos = m.end()
    return out


def _required_literal(tokens: list[tuple[str, str]] | None) -> str:
    """The longest run of consecutive literal tokens: every match of the expression contains it.
    Exact because each other accepted token is a whole, self-contained unit (a group or a
    one-character class) and none is optional around a literal, so a run of literals next to
    each other at the top level is matched character for character; '' when there is none."""
    if not tokens:
        return ""
    best = run = ""
    for kind, text in tokens:
        run = run + text if kind == "lit" else ""
        if len(run) > len(best):
            best = run
    return best


class _NameShape(NamedTuple):
    """A line pathspec translates to `^(?:.+/)?NAME` or `^NAME`, then `(?:(?P<ps_d>/)|$)` or
    `(?P<ps_d>/)`, NAME a literal without `/`. On a path without a newline and without an empty
    component (no leading `/`, no `//`), split into components c0..cn (cn is '' when the path
    ends in `/`, a folder):
    - `^(?:.+/)?NAME(?:(?P<ps_d>/)|$)` matches iff some ci == NAME; the greedy prefix takes the
      last such ci, so the directory mark is empty (the path itself matched) iff cn == NAME;
    - `^(?:.+/)?NAME(?P<ps_d>/)` matches iff some ci == NAME with i < n, always with the mark;
    - `^NAME(?:(?P<ps_d>/)|$)`: the path itself iff it is NAME (n == 0), a folder above it iff
      c0 == NAME and n > 0; `^NAME(?P<ps_d>/)`: only the latter.
    (`$` also matches before a final newline, `.` never matches one: paths holding one take the
    expressions themselves.)"""
    name: str
    anywhere: bool  # `^(?:.+/)?` rather than `^`
    dir_only: bool  # ends in `(?P<ps_d>/)`


def _name_shape(tokens: list[tuple[str, str]] | None) -> _NameShape | None:
    if not tokens or len(tokens) < 3 or tokens[0][0] not in ("any", "root") or tokens[-1][0] not in ("end", "dirend"):
        return None
    middle = tokens[1:-1]
    if any(kind != "lit" or text == "/" for kind, text in middle):
        return None
    return _NameShape("".join(text for _, text in middle), tokens[0][0] == "any", tokens[-1][0] == "dirend")


class _Line(NamedTuple):
    """One meaningful line: whether a match ignores (True) or re-includes (False), and either
    its name shape or its compiled expression with the literal every match contains."""
    include: bool
    regex_text: str
    shape: _NameShape | None
    regex: re.Pattern[str] | None  # compiled up front only when it might not compile
    literal: str
    marked: bool  # has the directory-mark group


@lru_cache(maxsize=8192)
def compile_line(line: str) -> _Line | None:
    """One .gitignore line, translated once per process (projects share most of their lines);
    None for a blank line or a comment. Raises ValueError for a line pathspec rejects (`\\`
    alone) and for one whose expression does not compile (`[z-a]`). An expression made of the
    known tokens alone always compiles: it is compiled when a path first holds its literal (most
    lines of a shared template, `*.pem`, `.vscode/settings.json`, never are)."""
    regex_text, include = _PATTERN_CLASS.pattern_to_regex(line)
    if include is None or regex_text is None:
        return None
    tokens = _tokens(regex_text)
    shape = _name_shape(tokens)
    regex = None
    if tokens is None:
        try:
            regex = re.compile(regex_text)  # exactly as pathspec's RegexPattern compiles it
        except re.error as exc:
            raise ValueError(f"invalid pattern {line!r}: {exc}") from exc
    if regex is not None:
        marked = _DIR_MARK in regex.groupindex
    else:
        marked = any(kind in ("end", "dirend") for kind, _ in tokens or ())
    return _Line(bool(include), regex_text, shape, regex, _required_literal(tokens), marked)


@lru_cache(maxsize=8192)
def _search(regex_text: str) -> Callable[[str], re.Match[str] | None]:
    return re.compile(regex_text).search


_Hit = tuple[int, bool]  # (line index, include)


class GitIgnore:
    """The compiled lines of one .gitignore; `check` is `GitIgnoreSpec.check_file(path).include`."""

    __slots__ = ("_lines", "_last_name", "_inner_name", "_root_name", "_root_inner", "_others", "_all")

    def __init__(self, lines: Iterable[_Line]) -> None:
        self._lines = [line for line in lines]
        # name -> the last line that matches a path whose last component (resp. an inner one) is it
        self._last_name: dict[str, _Hit] = {}
        self._inner_name: dict[str, _Hit] = {}
        # name -> the last anchored line that matches the path that is it (resp. starts with it/)
        self._root_name: dict[str, _Hit] = {}
        self._root_inner: dict[str, _Hit] = {}
        others = []
        for index, line in enumerate(self._lines):
            shape = line.shape
            hit = (index, line.include)
            if shape is None:
                # [index, include, literal, search (made on first use), expression, has the mark]
                others.append([index, line.include, line.literal, line.regex.search if line.regex else None,
                               line.regex_text, line.marked])
                continue
            if shape.anywhere:
                self._inner_name[shape.name] = hit
                if not shape.dir_only:
                    self._last_name[shape.name] = hit
            else:
                self._root_inner[shape.name] = hit
                if not shape.dir_only:
                    self._root_name[shape.name] = hit
        others.reverse()
        self._others = others
        self._all: list[tuple[int, bool, Callable[[str], re.Match[str] | None], int | None]] | None = None

    def __bool__(self) -> bool:
        return bool(self._lines)

    def check(self, path: str) -> bool | None:
        """True when the lines ignore `path` (relative, `/`-separated, a folder ending in `/`),
        False when a negation re-includes it, None when no line matches."""
        if path.startswith("/"):  # pathspec's normalize_file
            path = path[1:]
        elif path.startswith("./"):
            path = path[2:]
        if "\n" in path or "//" in path or path.startswith("/"):
            return self._check_every_line(path)
        parts = path.split("/")
        # the last line matching the path itself, and the last one matching a folder above it
        best = self._last_name.get(parts[-1])
        above = None
        if len(parts) == 1:
            root = self._root_name.get(path)
            if root is not None and (best is None or root[0] > best[0]):
                best = root
        else:
            above = self._root_inner.get(parts[0])
            inner = self._inner_name
            if inner:
                for part in parts[:-1]:
                    hit = inner.get(part)
                    if hit is not None and (above is None or hit[0] > above[0]):
                        above = hit
        for other in self._others:
            index = other[0]
            if best is not None and index < best[0]:
                break  # an earlier line cannot override a later match of the path itself
            if other[2] not in path:
                continue
            search = other[3]
            if search is None:
                search = other[3] = _search(other[4])
            m = search(path)
            if m is None:
                continue
            if other[5] and m.group(_DIR_MARK):
                if above is None or index > above[0]:
                    above = (index, other[1])
                continue
            return other[1]
        if best is not None:
            return best[1]
        return None if above is None else above[1]

    def _check_every_line(self, path: str) -> bool | None:
        """pathspec's own procedure over every line's expression (paths no shortcut covers)."""
        if self._all is None:
            compiled = []
            for index, line in enumerate(self._lines):
                regex = line.regex or re.compile(line.regex_text)
                compiled.append((index, line.include, regex.search, regex.groupindex.get(_DIR_MARK)))
            compiled.reverse()
            self._all = compiled
        above = None
        for _index, include, search, mark in self._all:
            m = search(path)
            if m is None:
                continue
            if mark is not None and m.group(mark):
                if above is None:
                    above = include
                continue
            return include
        return above


def compile_gitignore(lines: Iterable[str], invalid: list[str] | None = None) -> GitIgnore:
    """The lines of a .gitignore, each translated once per process; a line git would reject
    ("\\" alone) or whose expression does not compile is skipped (and added to `invalid`)."""
    kept = []
    for text in lines:
        try:
            line = compile_line(text)
        except (ValueError, TypeError):
            if invalid is not None:
                invalid.append(text)
            continue
        if line is not None:
            kept.append(line)
    return GitIgnore(kept)
