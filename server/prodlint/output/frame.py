"""The source line under a finding, with a caret underline, and with every secret on it redacted.

A frame must never print what a message would not: the spans of secret findings (SEC001-SEC003)
are redacted wherever they appear, provider tokens and URL passwords are masked on every line
shown, and the underline is drawn under the redacted text so it still points at the span.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from prodlint.api import Finding, redact
from prodlint_rules._secrets import find_credential_url, find_secret_token

SECRET_CODES = frozenset({"SEC001", "SEC002", "SEC003"})
MAX_WIDTH = 110  # columns of source shown; longer lines are cut to a window around the span
TAB = "    "
_QUOTED = re.compile(r"""(["'`])((?:\\.|(?!\1).)*)\1""")
_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$")
_ASSIGNED = re.compile(r"^(\s*(?:export\s+|ARG\s+|ENV\s+)?[\w.-]+\s*[=:]\s*)(.+)$")


@dataclass(frozen=True)
class Frame:
    """One displayed source line: its 1-based number, the text, and the underline under it."""

    number: int
    text: str
    underline: str
    more_lines: int = 0  # lines of the span below this one that are not shown


def _width(ch: str) -> int:
    if ch == "\t":
        return len(TAB)
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _display(ch: str) -> str:
    return TAB if ch == "\t" else ch


def _is_env_name(text: str) -> bool:
    """`SECRET_KEY`, `PORT`: a variable's name, shown as is (a long run of capitals with no
    underscore, such as an AWS key id, is not one)."""
    return bool(_ENV_NAME.match(text)) and ("_" in text or len(text) <= 12) and len(text) <= 64


def _secret_value_ranges(text: str) -> list[tuple[int, int]]:
    """Where the secret sits inside a secret finding's span text: the quoted strings in it, else
    the value after `KEY=`, else the whole text."""
    quoted = [(m.start(2), m.end(2)) for m in _QUOTED.finditer(text)
              if m.end(2) > m.start(2) and not _is_env_name(m.group(2))]
    if quoted:
        return quoted
    assigned = _ASSIGNED.match(text)
    if assigned:
        return [(assigned.start(2), assigned.end(2))]
    return [(0, len(text))] if text else []


def _token_ranges(line: str) -> list[tuple[int, int]]:
    """Provider tokens and URL passwords anywhere on the line."""
    out: list[tuple[int, int]] = []
    pos = 0
    while pos < len(line):
        token = find_secret_token(line[pos:])
        if token is None:
            break
        out.append((pos + token.start, pos + token.end))
        pos += token.end
    for match in _iter_credential_urls(line):
        out.append(match)
    return out


def _iter_credential_urls(line: str) -> Iterable[tuple[int, int]]:
    pos = 0
    while pos < len(line):
        match = find_credential_url(line[pos:])
        if match is None:
            return
        yield pos + match.start("password"), pos + match.end("password")
        pos += max(match.end(), 1)


def _merge(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def secret_columns(line: str, line_no: int, secret_spans: Iterable[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    """Character ranges of `line` (0-based line `line_no`) to redact: secret findings' values
    (spans as (start row, start char, end row, end char)) and tokens found on the line."""
    ranges: list[tuple[int, int]] = []
    for sr, sc, er, ec in secret_spans:
        if not sr <= line_no <= er:
            continue
        start = sc if sr == line_no else 0
        end = ec if er == line_no else len(line)
        ranges.extend((start + a, start + b) for a, b in _secret_value_ranges(line[start:end]))
    ranges.extend(_token_ranges(line))
    return _merge(ranges)


def redact_line(line: str, ranges: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """The line with each range replaced by its redaction, and a map from each original character
    offset (and the end) to its offset in the new text."""
    out: list[str] = []
    mapping: list[int] = []
    pos = 0
    for start, end in ranges:
        for i in range(pos, start):
            mapping.append(len(out))
            out.append(line[i])
        masked = redact(line[start:end])
        base = len(out)
        for i in range(start, end):
            mapping.append(base + min(len(masked) - 1, i - start) if masked else base)
        out.extend(masked)
        pos = end
    for i in range(pos, len(line)):
        mapping.append(len(out))
        out.append(line[i])
    mapping.append(len(out))
    return "".join(out), mapping


def build(line: str, line_no: int, start_char: int, end_char: int, more_lines: int,
          secret_spans: Iterable[tuple[int, int, int, int]]) -> Frame:
    """A frame for characters [start_char, end_char) of `line` (end_char -1: to the line end)."""
    line = line.rstrip("\r\n")
    end_char = len(line) if end_char < 0 or end_char > len(line) else end_char
    start_char = min(start_char, len(line))
    ranges = secret_columns(line, line_no, secret_spans)
    if not ranges and line.isascii() and "\t" not in line:
        return _plain_frame(line, line_no, start_char, end_char, more_lines)
    return _general_frame(line, line_no, start_char, end_char, more_lines, ranges)


def _general_frame(line: str, line_no: int, start_char: int, end_char: int, more_lines: int,
                   ranges: list[tuple[int, int]]) -> Frame:
    """`build` of any line: `ranges` redacted, each character weighed in cells."""
    shown, mapping = redact_line(line, ranges)
    s, e = mapping[start_char], mapping[end_char]
    if e == s and end_char > start_char:
        e = s + 1
    cells = [_width(ch) for ch in shown]
    # cut long lines to a window around the span
    lo, hi = 0, len(shown)
    if sum(cells) > MAX_WIDTH:
        lo = max(0, s - 20)
        hi = lo
        used = 0
        while hi < len(shown) and used + cells[hi] <= MAX_WIDTH - 2:
            used += cells[hi]
            hi += 1
    text = "".join(_display(ch) for ch in shown[lo:hi])
    pad = sum(cells[lo:max(lo, s)])
    under = max(1, sum(cells[max(s, lo):min(e, hi)]))
    if lo > 0:
        text, pad = "…" + text, pad + 1
    if hi < len(shown):
        text += "…"
    return Frame(line_no + 1, text, " " * pad + "^" * under, more_lines)


def _plain_frame(line: str, line_no: int, start_char: int, end_char: int, more_lines: int) -> Frame:
    """`build` of a line with nothing to redact, in ASCII without tabs: every character is one
    cell shown as itself, so columns are offsets (a run with thousands of findings frames each;
    the general path weighs every character). tests/test_cli_output.py compares the two."""
    s, e = start_char, end_char  # the characters are the cells
    lo, hi = 0, len(line)
    if hi > MAX_WIDTH:
        lo = max(0, s - 20)
        hi = min(len(line), lo + MAX_WIDTH - 2)
    text = line[lo:hi]
    pad = max(lo, s) - lo
    under = max(1, min(e, hi) - max(s, lo))
    if lo > 0:
        text, pad = "…" + text, pad + 1
    if hi < len(line):
        text += "…"
    return Frame(line_no + 1, text, " " * pad + "^" * under, more_lines)


def secret_spans(findings: Iterable[Finding],
                 columns: Callable[[Finding], tuple[int, int]]) -> dict[str, list[tuple[int, int, int, int]]]:
    """Per path, the spans of secret findings as (row, char, row, char); `columns(finding)` gives
    the 0-based start and end characters of a finding on its lines."""
    out: dict[str, list[tuple[int, int, int, int]]] = {}
    for f in findings:
        if f.code in SECRET_CODES:
            sc, ec = columns(f)
            out.setdefault(f.path, []).append((f.span.start_point[0], sc, f.span.end_point[0], ec))
    return out
