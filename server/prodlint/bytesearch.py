"""A byte search for short words, for the checks that let a rule or fact module skip a file
before any tree work (`prodlint.facts._scan`, the app model's quick tests): generic, with no
file context, so any module may use it without depending on the fact extractors."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

#: the bytes of `\w` in a bytes regex: ASCII letters, digits and `_` (a Python identifier's ASCII
#: bytes; JavaScript's add `$`: `ASCII_JS_NAME_BYTES`)
ASCII_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
ASCII_JS_NAME_BYTES = ASCII_WORD_BYTES | frozenset(b"$")

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


def first_tail_in_block(source: bytes, heads: Iterable[re.Match[bytes]], stop: bytes,
                        tail: re.Pattern[bytes]) -> Iterator[tuple[re.Match[bytes], re.Match[bytes]]]:
    """What the regex `HEAD[^STOP]*?TAIL` finds, head by head: for each of `heads` (in order; one
    starting inside the last pair given is passed over, as `finditer` would), the first match of
    `tail` from the head's end on, if it starts before the next `stop` byte. That regex reads the
    bytes up to the `stop` again from every head: a file of thousands of `Fastify({` and no `)`
    took 17 s for 180 KB. Here the next `stop` and the next tail are found once and kept for the
    heads that follow (no `stop` before the one found from an earlier head means none before it
    from a later one, and the same for the tail), so the file is read once."""
    end = 0  # where the last pair given ends
    stop_from, stop_at = len(source) + 1, -1  # the first `stop` at or after `stop_from` (len(source): none)
    tail_from, found = len(source) + 1, None  # the first tail at or after `tail_from` (None: none)
    for head in heads:
        start = head.end()
        if head.start() < end:
            continue
        if start < stop_from or stop_at < start:
            stop_at = source.find(stop, start)
            stop_from, stop_at = start, len(source) if stop_at < 0 else stop_at
        if start < tail_from or (found is not None and found.start() < start):
            tail_from, found = start, tail.search(source, start)
        if found is not None and found.start() < stop_at:
            end = found.end()
            yield head, found


def first_pair_in_segments(source: bytes, word: bytes, head: re.Pattern[bytes], tail: re.Pattern[bytes],
                           separator: bytes | None = None) -> tuple[int, int] | None:
    """Where the regex `HEAD[^\\nSEP]*TAIL` first matches, from its start to the end of the first
    tail after the head (the regex, greedy, ends at the last), for a `tail` whose every match holds
    `word` and no line break or `separator` byte, and a `head` whose leftmost match in a stretch
    ends first (so a tail after any head is after it). Only the stretches between line breaks (and
    separators) that hold `word` are read, each once: the regex read a stretch again from each
    head in it, 20 s for 180 KB of `console.log(` on one line."""
    line_end = -1
    at = source.find(word)
    while at >= 0:
        if at >= line_end:
            line_start = source.rfind(b"\n", 0, at) + 1
            line_end = source.find(b"\n", at)
            line_end = len(source) if line_end < 0 else line_end
        start, end = line_start, line_end
        if separator is not None:
            start = source.rfind(separator, line_start, at) + 1 or line_start
            found = source.find(separator, at, line_end)
            end = line_end if found < 0 else found
        first = head.search(source, start, end)
        if first is not None:
            then = tail.search(source, first.end(), end)
            if then is not None:
                return first.start(), then.end()
        at = source.find(word, end)
    return None
