"""The byte offset ↔ position layer: emoji (astral, 2 UTF-16 units), CJK (3 UTF-8 bytes),
CRLF, tabs, clamping of out-of-range positions."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from prodlint.positions import UTF8, UTF16, UTF32, LineIndex

TEXT = "a\tb = '😀中';\r\nx = 1\n\nlast 😀"
SOURCE = TEXT.encode()


def units(text: str, encoding: str) -> int:
    if encoding == UTF8:
        return len(text.encode())
    if encoding == UTF16:
        return len(text.encode("utf-16-le")) // 2
    return len(text)


@pytest.mark.parametrize("encoding", [UTF8, UTF16, UTF32])
def test_every_character_boundary_round_trips(encoding):
    index = LineIndex(SOURCE)
    for line_no, line in enumerate(TEXT.split("\n")):
        for i in range(len(line) + 1):
            byte = len("\n".join(TEXT.split("\n")[:line_no]).encode()) + (1 if line_no else 0) + len(line[:i].encode())
            position = (line_no, units(line[:i], encoding))
            assert index.position(byte, encoding) == position
            assert index.offset(*position, encoding) == byte


def test_emoji_is_two_utf16_units_and_four_bytes():
    index = LineIndex("😀x".encode())
    assert index.position(4, UTF16) == (0, 2)
    assert index.position(4, UTF8) == (0, 4)
    assert index.position(4, UTF32) == (0, 1)


def test_a_position_inside_a_character_never_splits_it():
    index = LineIndex("😀x".encode())
    assert index.offset(0, 1, UTF16) == 0  # half a surrogate pair
    assert index.offset(0, 2, UTF8) == 0  # the middle of the emoji's bytes
    assert index.offset(0, 2, UTF16) == 4


def test_crlf_keeps_the_carriage_return_in_the_line():
    index = LineIndex(b"ab\r\ncd")
    assert index.line_bytes(0) == b"ab\r"
    assert index.offset(1, 0) == 4
    assert index.position(2) == (0, 2)  # before "\r"


@pytest.mark.parametrize("line, character, expected", [
    (-1, 5, 0), (0, -3, 0), (0, 999, 3), (99, 0, 7), (1, 999, 7),
])
def test_out_of_range_positions_are_clamped(line, character, expected):
    index = LineIndex(b"abc\ndef")
    assert index.offset(line, character, UTF16) == expected


def test_offsets_past_the_end_clamp():
    index = LineIndex(b"ab")
    assert index.position(99) == (0, 2)
    assert index.point(-5) == (0, 0)


def test_cli_columns_count_code_points():
    index = LineIndex("中😀x".encode())
    assert index.column(len("中😀".encode())) == 3


@given(st.text(alphabet=st.sampled_from(list("ab \t\r\n中😀é")), max_size=40), st.data())
def test_position_and_offset_are_inverse_on_boundaries(text, data):
    source = text.encode()
    index = LineIndex(source)
    boundaries = sorted({len(text[:i].encode()) for i in range(len(text) + 1)})
    byte = data.draw(st.sampled_from(boundaries))
    for encoding in (UTF8, UTF16, UTF32):
        assert index.offset(*index.position(byte, encoding), encoding) == byte
