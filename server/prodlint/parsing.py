"""Parsers, compiled queries and documents that can be edited incrementally.

Grammars come from the official wheels. A `Parser` is not thread-safe, so there is one per
language per thread; compiled queries are immutable and shared. `Document.edit` turns an LSP
range edit into a tree-sitter `InputEdit`, applies it to the old tree and reparses with it, so a
keystroke costs a re-parse of the touched region only.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

import tree_sitter as ts

from prodlint.languages import GRAMMAR_LANGUAGES, JAVASCRIPT, JSON, PYTHON, TSX, TYPESCRIPT
from prodlint.positions import UTF16, LineIndex


@lru_cache(maxsize=None)
def grammar(language: str) -> ts.Language:
    """The tree-sitter Language object for a grammar language (imported on first use)."""
    if language == JAVASCRIPT:
        import tree_sitter_javascript as mod

        return ts.Language(mod.language())
    if language in (TYPESCRIPT, TSX):
        import tree_sitter_typescript as mod

        return ts.Language(mod.language_typescript() if language == TYPESCRIPT else mod.language_tsx())
    if language == PYTHON:
        import tree_sitter_python as mod

        return ts.Language(mod.language())
    if language == JSON:
        import tree_sitter_json as mod

        return ts.Language(mod.language())
    raise KeyError(f"no grammar for {language!r}")


_local = threading.local()


def parser_for(language: str) -> ts.Parser:
    """This thread's parser for `language`."""
    parsers = getattr(_local, "parsers", None)
    if parsers is None:
        parsers = _local.parsers = {}
    parser = parsers.get(language)
    if parser is None:
        parser = parsers[language] = ts.Parser(grammar(language))
    return parser


@lru_cache(maxsize=None)
def compile_query(language: str, source: str) -> ts.Query:
    """A compiled query, cached for the life of the process."""
    return ts.Query(grammar(language), source)


def parse(language: str, source: bytes, old_tree: ts.Tree | None = None) -> ts.Tree:
    return parser_for(language).parse(source, old_tree) if old_tree else parser_for(language).parse(source)


def has_grammar(language: str) -> bool:
    return language in GRAMMAR_LANGUAGES


def error_count(tree: ts.Tree | None) -> int:
    """ERROR and MISSING nodes in a tree: fixes must never add one."""
    if tree is None or not tree.root_node.has_error:
        return 0
    count = 0
    cursor = tree.walk()
    visited_children = False
    while True:
        node = cursor.node
        if not visited_children:
            if node.is_error or node.is_missing:
                count += 1
            if node.has_error and cursor.goto_first_child():
                continue
        if cursor.goto_next_sibling():
            visited_children = False
            continue
        if not cursor.goto_parent():
            break
        visited_children = True
    return count


@dataclass
class Document:
    """Text + language + tree of one file, kept while it is linted or open in the editor."""

    path: str
    language: str
    source: bytes
    tree: ts.Tree | None = None
    version: int | None = None
    _index: LineIndex | None = field(init=False, default=None, repr=False)
    #: byte ranges whose syntax changed in the last `edit` (empty when only a token's text did)
    changed_ranges: list[tuple[int, int]] = field(init=False, default_factory=list)
    #: the last `edit` neither added nor removed a line (rows after it keep their numbers)
    last_edit_kept_lines: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        if self.tree is None and has_grammar(self.language):
            self.tree = parse(self.language, self.source)

    @property
    def index(self) -> LineIndex:
        """Line starts, split on first use: a file linted once and reported without a finding
        that needs a line (most files of a scan) never pays for it."""
        if self._index is None:
            self._index = LineIndex(self.source)
        return self._index

    @index.setter
    def index(self, value: LineIndex) -> None:
        self._index = value

    @property
    def text(self) -> str:
        return self.source.decode("utf-8", "replace")

    def edit(self, start: tuple[int, int], end: tuple[int, int], new_text: str,
             encoding: str = UTF16) -> tuple[int, int, int]:
        """Apply one LSP range edit; returns (start_byte, old_end_byte, new_end_byte)."""
        start_byte = self.index.offset(start[0], start[1], encoding)
        old_end_byte = max(start_byte, self.index.offset(end[0], end[1], encoding))
        return self.edit_bytes(start_byte, old_end_byte, new_text.encode("utf-8", "surrogatepass"))

    def edit_bytes(self, start_byte: int, old_end_byte: int, new_bytes: bytes) -> tuple[int, int, int]:
        """Replace source[start_byte:old_end_byte] and reparse incrementally with the old tree."""
        old_index = self.index
        start_point = old_index.point(start_byte)
        old_end_point = old_index.point(old_end_byte)
        self.last_edit_kept_lines = b"\n" not in new_bytes and old_end_point[0] == start_point[0]
        old_source = self.source
        self.source = old_source[:start_byte] + new_bytes + old_source[old_end_byte:]
        self.index = _shifted_index(old_index, old_source, start_byte, old_end_byte, new_bytes, self.source) \
            or LineIndex(self.source)
        # a "\r" typed before a "\n", or text typed between them, changes the editor's lines too
        self.last_edit_kept_lines = self.last_edit_kept_lines and self.index.line_count == old_index.line_count
        new_end_byte = start_byte + len(new_bytes)
        if self.tree is not None:
            new_end_point = self.index.point(new_end_byte)
            self.tree.edit(
                start_byte=start_byte, old_end_byte=old_end_byte, new_end_byte=new_end_byte,
                start_point=start_point, old_end_point=old_end_point, new_end_point=new_end_point,
            )
            new_tree = parse(self.language, self.source, self.tree)
            self.changed_ranges = [(r.start_byte, r.end_byte) for r in self.tree.changed_ranges(new_tree)]
            self.tree = new_tree
        return start_byte, old_end_byte, new_end_byte

    def replace_all(self, source: bytes) -> None:
        """Full-text sync: a fresh parse."""
        self.source = source
        self.index = LineIndex(source)
        self.tree = parse(self.language, source) if has_grammar(self.language) else None


def _shifted_index(old: LineIndex, old_source: bytes, start: int, old_end: int, new_bytes: bytes,
                   source: bytes) -> LineIndex | None:
    """The line index after an edit that adds and removes no line break (a keystroke): the rows
    after the edited one move by the size difference. A re-split of a 5,000-line buffer costs
    a millisecond on every keystroke; this, a third of it. None when lines may change (a line
    break in the edit, a "\\r" beside it, a buffer with lone "\\r"s): then index afresh."""
    if old.line_starts is not old.starts or b"\n" in new_bytes or b"\r" in new_bytes or \
            LineIndex.__slots__ != ("source", "starts", "line_starts"):
        return None
    removed = old_source[start:old_end]
    if b"\n" in removed or b"\r" in removed or old_source[start - 1:start] == b"\r":
        return None
    starts = old.starts
    row = bisect_right(starts, start) - 1
    delta = len(new_bytes) - len(removed)
    shifted = starts[:row + 1] + [s + delta for s in starts[row + 1:]] if delta else starts
    index = LineIndex.__new__(LineIndex)
    index.source, index.starts, index.line_starts = source, shifted, shifted
    return index
