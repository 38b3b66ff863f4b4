"""The byte offset ↔ position layer: emoji (astral, 2 UTF-16 units), CJK (3 UTF-8 bytes),
CRLF, lone CR (an editor's line break, not tree-sitter's), tabs, clamping of out-of-range
positions."""

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
        for i in range(len(line.removesuffix("\r")) + 1):  # no position names the inside of "\r\n"
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


def test_crlf_keeps_the_carriage_return_in_the_row_not_in_the_line():
    index = LineIndex(b"ab\r\ncd")
    assert index.line_bytes(0) == b"ab\r"  # tree-sitter's row
    assert index.offset(1, 0) == 4
    assert index.position(2) == (0, 2)  # before "\r"
    assert index.position(3) == (0, 2)  # between "\r" and "\n": the end of the line
    assert index.offset(0, 99) == 2  # past the end clamps before the line break


@pytest.mark.parametrize("encoding", [UTF8, UTF16, UTF32])
def test_a_lone_carriage_return_ends_an_editor_line(encoding):
    source = "// a\rtry {} catch (e) {}\n".encode()
    index = LineIndex(source)
    assert index.line_count == 3
    assert index.position(source.index(b"try"), encoding) == (1, 0)
    assert index.offset(1, 3, encoding) == source.index(b" {}")
    assert index.offset(0, 99, encoding) == 4  # line 0 is "// a"
    assert index.point(source.index(b"try")) == (0, 5)  # tree-sitter's row is still 0
    assert index.line_column(source.index(b"catch")) == (2, 8)


def test_mixed_line_endings_count_as_an_editor_counts_them():
    text = "a\rb\r\nc\nd\r\re"
    index = LineIndex(text.encode())
    # VS Code, like the LSP specification, splits on \r\n, \r and \n
    expected = [(i, line) for i, line in enumerate(["a", "b", "c", "d", "", "e"])]
    starts = [text.index(line, 0 if i == 0 else 1) if line else text.index("\r\re") + 1 for i, line in expected]
    for (line_no, _), start in zip(expected, starts):
        assert index.position(start) == (line_no, 0)
        assert index.offset(line_no, 0) == start


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


@given(st.text(alphabet=st.sampled_from(list("ab \t\r\n中😀é\u2028")), max_size=40), st.data())
def test_position_and_offset_are_inverse_on_boundaries(text, data):
    source = text.encode()
    index = LineIndex(source)
    boundaries = sorted({len(text[:i].encode()) for i in range(len(text) + 1)
                         if not (text[i - 1:i] == "\r" and text[i:i + 1] == "\n")})
    byte = data.draw(st.sampled_from(boundaries))
    for encoding in (UTF8, UTF16, UTF32):
        assert index.offset(*index.position(byte, encoding), encoding) == byte


@given(st.text(alphabet=st.sampled_from(list("ab\r\n\u2028é")), max_size=40))
def test_lines_are_the_ones_the_lsp_specification_counts(text):
    index = LineIndex(text.encode())
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # U+2028 is no break
    assert index.line_count == len(lines)
    for number, line in enumerate(lines):
        assert index.position(index.offset(number, 10**6, UTF32), UTF32) == (number, len(line))


def test_positions_worked_out_while_linting_are_what_the_file_says(tmp_path):
    """`Report.positions` (from the worker that had the text) and plain ASCII files' span points
    give each finding the same printed line and column as reading the file again: lone "\\r"
    line ends, CRLF, non-ASCII, a BOM."""
    from prodlint.output import forget_file_texts, locate, locate_all
    from prodlint.project import run

    app = tmp_path / "app"
    app.mkdir()
    (app / "package.json").write_text('{"dependencies": {"express": "4"}}')
    (app / "server.js").write_bytes(
        "\ufeffconst express = require('express');\r\nconst é = 'ü';\rconst app = express();\n"
        "app.get('/x', async (req, res) => { console.log('a'); res.json(await fetch('http://localhost:3000/ä')) });\r\n"
        "const KEY = 'sk_live_51Habc9d8e7f6g5h4j3k2l1m0n9p8q7r6';\rapp.listen(3000);\n".encode())
    (app / "worker.js").write_text("const url = 'http://localhost:9000';\n  console.log(url);\n"
                                   "process.on('message', (m) => { console.log(m) });\n")
    report = run([str(app)])
    assert report.findings and report.positions
    forget_file_texts()
    known = [locate(f, report.positions.get(f.path)) for f in report.findings]
    assert any(f.path in report.positions for f in report.findings)
    assert known == [locate(f) for f in report.findings]
    assert str(app / "worker.js") in report.plain_text and str(app / "server.js") not in report.plain_text
    assert any(f.path in report.plain_text for f in report.findings)
    assert locate_all(report.findings, report.positions, report.plain_text) == known
