"""The one conversion layer between byte offsets and positions.

tree-sitter speaks bytes and (row, byte column) points; LSP speaks (line, character) where a
character is a UTF-16 code unit unless utf-8 or utf-32 was negotiated; the CLI prints 1-based
columns counted in Unicode code points. Two line counts live here and must not be mixed:
tree-sitter rows end at "\n" only ("\r\n" keeps its "\r" in the row), while an editor's lines
(LSP positions, the CLI's line:column) end at "\n", "\r\n" or a lone "\r". The two agree unless
the text has a lone "\r"; rows never leave this module's `point`/`offset_of_point`/`line_bytes`,
and everything shown to a user goes through `position`/`offset`/`line_column`, so a lone "\r"
moves no diagnostic. Out-of-range positions are clamped, never raised: editors send them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add

UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"


def _units(text: str, encoding: str) -> int:
    """Length of `text` in the code units of `encoding`."""
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == UTF16:
        return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
    return len(text)


_EDITOR_BREAK = re.compile(rb"\r\n?|\n")


class LineIndex:
    """Row and line starts of a byte buffer, for O(log n) offset ↔ position conversion."""

    __slots__ = ("source", "starts", "line_starts")

    def __init__(self, source: bytes) -> None:
        self.source = source
        # line lengths + 1, summed, all in C: a 20k-line buffer is indexed on every keystroke
        lines = source.split(b"\n")
        starts = list(accumulate(map(add, map(len, lines), repeat(1)), initial=0))
        starts.pop()
        #: tree-sitter rows ("\n" only)
        self.starts = starts
        #: editor lines ("\n", "\r\n", lone "\r"): the rows themselves unless a "\r" stands alone
        cr = source.count(b"\r")
        if cr == 0 or cr == source.count(b"\r\n"):
            self.line_starts = starts
        else:
            self.line_starts = [0] + [m.end() for m in _EDITOR_BREAK.finditer(source)]

    @property
    def line_count(self) -> int:
        """Editor lines (what an LSP client counts)."""
        return len(self.line_starts)

    def _content_end(self, line: int) -> int:
        """End of an editor line's text, before its line break."""
        if line + 1 >= len(self.line_starts):
            return len(self.source)
        end = self.line_starts[line + 1] - 1
        if self.source[end:end + 1] == b"\n" and end > self.line_starts[line] and \
                self.source[end - 1:end] == b"\r":
            end -= 1
        return end

    def editor_line(self, offset: int) -> int:
        """The editor line (0-based) that holds a byte offset."""
        offset = max(0, min(offset, len(self.source)))
        return bisect_right(self.line_starts, offset) - 1

    def line_bytes(self, line: int) -> bytes:
        """The bytes of `line` without its "\n" (a "\r" before it stays)."""
        if line < 0 or line >= len(self.starts):
            return b""
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.source)
        return self.source[start:end]

    def line_end(self, line: int) -> int:
        """Byte offset of the end of `line` (its "\\n", or the end of the text)."""
        return self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.source)

    def point(self, offset: int) -> tuple[int, int]:
        """(row, byte column) of a byte offset, as tree-sitter counts them."""
        offset = max(0, min(offset, len(self.source)))
        row = bisect_right(self.starts, offset) - 1
        return row, offset - self.starts[row]

    def offset_of_point(self, row: int, byte_col: int) -> int:
        if row >= len(self.starts):
            return len(self.source)
        row = max(row, 0)
        return min(self.starts[row] + max(byte_col, 0), len(self.source))

    def position(self, offset: int, encoding: str = UTF16) -> tuple[int, int]:
        """(line, character) of a byte offset in `encoding` code units, on editor lines; an
        offset between "\r" and "\n" is the end of its line."""
        offset = max(0, min(offset, len(self.source)))
        line = bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[line]
        if self.line_starts is not self.starts or self.source[offset - 1:offset] == b"\r":
            offset = min(offset, self._content_end(line))
        col = offset - start
        if encoding == UTF8:
            return line, col
        raw = self.source[start:offset]
        if raw.isascii():
            return line, col
        prefix = raw.decode("utf-8", "replace")
        return line, _units(prefix, encoding)

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based (line, column in code points) on editor lines, as the CLI prints them."""
        line, column = self.position(offset, UTF32)
        return line + 1, column + 1

    def offset(self, line: int, character: int, encoding: str = UTF16) -> int:
        """Byte offset of an LSP position; past the end of a line clamps to its end (before
        its line break)."""
        if line < 0:
            return 0
        if line >= len(self.line_starts):
            return len(self.source)
        start = self.line_starts[line]
        data = self.source[start:self._content_end(line)]
        if character <= 0:
            return start
        if encoding == UTF8:
            col = min(character, len(data))
            # never split a multi-byte character: back up to its first byte
            while 0 < col < len(data) and (data[col] & 0xC0) == 0x80:
                col -= 1
            return start + col
        text = data.decode("utf-8", "replace") if data.isascii() is False else None
        if text is None:
            return start + min(character, len(data))
        units = 0
        byte_col = 0
        for ch in text:
            width = 2 if (encoding == UTF16 and ord(ch) > 0xFFFF) else 1
            if units + width > character:
                break
            units += width
            byte_col += len(ch.encode("utf-8", "surrogatepass"))
        return start + byte_col

    def column(self, offset: int) -> int:
        """1-based column in code points on its editor line, as the CLI prints it."""
        return self.line_column(offset)[1]
