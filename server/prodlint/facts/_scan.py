"""Byte-level checks that let a fact extractor skip a file before any tree work: most files hold
none of the words an extractor looks for (no limiter, no `429`, no paid client), and a search
for a few bytes costs far less than a walk over the file's nodes.

Each check answers "may this file hold a match?" and never says no when a match exists: the
extractor then runs its exact test on what is left."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from prodlint.bytesearch import finder
from prodlint.context import FileContext

#: characters outside ASCII that a case-insensitive `str` pattern matches to ASCII letters
#: (İ and ı to i, ſ to s, K to k): a search of the lowercased bytes does not see them
_FOLDS_TO_ASCII = (b"\xc4\xb0", b"\xc4\xb1", b"\xc5\xbf", b"\xe2\x84\xaa")


_LOWERED = "prodlint.facts._scan.lowered"
_FOUND = "prodlint.facts._scan.found"
_FOLDS = "prodlint.facts._scan.may_fold"


def lowered(ctx: FileContext) -> bytes:
    """The file's bytes with ASCII letters lowercased, once per file."""
    memo = ctx.file._memo  # the file's memo read directly: asked several times for every file
    low = memo.get(_LOWERED)
    if low is None:
        low = memo[_LOWERED] = ctx.source.lower()
    return low


def has(ctx: FileContext, word: bytes) -> bool:
    """Whether the file holds `word` (lowercase ASCII) in any ASCII letter case; each word is
    searched for once per file, whichever extractor asks."""
    memo = ctx.file._memo
    found: dict[bytes, bool] | None = memo.get(_FOUND)
    if found is None:
        found = memo[_FOUND] = {}
    hit = found.get(word)
    if hit is None:
        hit = found[word] = finder(word)(lowered(ctx))
    return hit


def has_any(ctx: FileContext, words: Iterable[bytes]) -> bool:
    """Whether the file holds one of `words` (lowercase ASCII) in any ASCII letter case (a loop:
    asked a few times per file, where a generator for `any` costs more than the answer)."""
    for word in words:
        if has(ctx, word):
            return True
    return False


def may_fold(ctx: FileContext) -> bool:
    """Whether the file holds a character that a case-insensitive `str` pattern matches to an
    ASCII letter (then a lowercase byte search is not enough); once per file."""
    memo = ctx.file._memo
    folds = memo.get(_FOLDS)
    if folds is None:
        source = ctx.source
        folds = memo[_FOLDS] = not source.isascii() and any(fold in source for fold in _FOLDS_TO_ASCII)
    return folds


def folded_match(ctx: FileContext, pattern: re.Pattern[str]) -> bool:
    """Whether case-insensitive `pattern` matches the file's text through a character that folds
    to ASCII, for a file where the byte search for its words found none."""
    return may_fold(ctx) and pattern.search(ctx.text) is not None


def positions(ctx: FileContext, words: Iterable[bytes]) -> Iterator[int]:
    """Byte offsets of every occurrence of `words` (lowercase ASCII) in any ASCII letter case."""
    low = lowered(ctx)
    for word in words:
        at = low.find(word)
        while at >= 0:
            yield at
            at = low.find(word, at + 1)


def ancestors_of_type(ctx: FileContext, offsets: Iterable[int], node_type: str) -> list:
    """The nodes of `node_type` holding one of `offsets`, in document order (as a walk finds
    them: by start, outer first)."""
    assert ctx.tree is not None
    root = ctx.tree.root_node
    found: dict[int, object] = {}
    climbed: set[int] = set()
    for offset in offsets:
        node = root.descendant_for_byte_range(offset, offset + 1)
        while node is not None and node.id not in climbed:  # above a node climbed from: done
            climbed.add(node.id)
            if node.type == node_type:
                found[node.id] = node
            node = node.parent
    return sorted(found.values(), key=lambda n: (n.start_byte, -n.end_byte))
