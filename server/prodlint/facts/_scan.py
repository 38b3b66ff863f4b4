"""Byte-level checks that let a fact extractor skip a file before any tree work: most files hold
none of the words an extractor looks for (no limiter, no `429`, no paid client), and a search
for a few bytes costs far less than a walk over the file's nodes.

Each check answers "may this file hold a match?" and never says no when a match exists: the
extractor then runs its exact test on what is left."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from prodlint.context import FileContext

#: characters outside ASCII that a case-insensitive `str` pattern matches to ASCII letters
#: (İ and ı to i, ſ to s, K to k): a search of the lowercased bytes does not see them
_FOLDS_TO_ASCII = (b"\xc4\xb0", b"\xc4\xb1", b"\xc5\xbf", b"\xe2\x84\xaa")


#: bytes of source code from the most frequent on (lowercase letters and punctuation, roughly as
#: code has them); a byte not listed (a digit, a capital, `$`, `@` …) is rarer than any listed
_FREQUENT = b" etrsoa\nnilcdp.()=,;'\"\tmu:{}/hfgybw_-vkxjqz"
#: the rank from which a byte is rare enough to search from (`u`, about 2 % of code's bytes)
_RARE = _FREQUENT.find(b"u")
_UNLISTED = len(_FREQUENT)


@lru_cache(maxsize=None)
def finder(word: bytes) -> Callable[[bytes], bool]:
    """A test of whether bytes hold `word`, answering as `word in data` does, but faster for a
    short word with a rare byte: a pattern that starts at that byte and looks behind for the bytes
    before it (`y(?<=many)` for `many`). The `re` module skips from one occurrence of a single
    leading byte to the next faster than `in` scans for a short word (for `429`, `brute`, `many`
    and `slow`, 15-45 % less on the public apps' code) or from a capital (`Logger`: a third of
    the time); a longer word of lowercase letters skips further by itself, and a frequent byte
    stops the pattern too often: those keep `in`."""
    rank = [_FREQUENT.find(byte) if byte in _FREQUENT else _UNLISTED for byte in word]
    at = max(range(len(word)), key=lambda i: (rank[i], -i)) if word else 0  # the rarest, the first of equals
    if not word or rank[at] < _RARE or len(word) > 5 and rank[at] < _UNLISTED:
        return lambda data: word in data  # (a pattern's skips pay only from a rare byte on)
    one = word[at:at + 1]
    pattern = re.escape(one) + (b"(?<=" + re.escape(word[:at + 1]) + b")" if at else b"") + re.escape(word[at + 1:])
    search = re.compile(pattern).search
    return lambda data: search(data) is not None


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
