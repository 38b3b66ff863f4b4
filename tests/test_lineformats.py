"""The shared line-format readers: .env entries as every env-file reader sees them."""

from __future__ import annotations

from prodlint.lineformats import dotenv_entries


def test_dotenv_entries_skip_comments_blanks_and_malformed_lines():
    lines = ["# a comment", "", "not an assignment", "  export API_KEY = 'sk_x'  ", "A=1 # note\r", "B=", "é=1"]
    entries = dotenv_entries(lines)
    assert [(e.row, e.name, e.raw) for e in entries] == [(3, "API_KEY", "'sk_x'"), (4, "A", "1 # note"), (5, "B", "")]
    api = entries[0]
    assert api.line[api.raw_start:api.raw_start + len(api.raw)] == "'sk_x'"


def test_dotenv_entries_give_byte_offsets_of_their_lines():
    lines = ["É=1", "X=2\r", "spring.datasource.url=jdbc:x"]
    entries = dotenv_entries(lines)
    first = len("É=1".encode()) + 1  # `É` is no variable name: that line is skipped
    assert [e.line_start for e in entries] == [first, first + len("X=2\r".encode()) + 1]
    assert entries[0].name == "X" and entries[0].line == "X=2"
    assert entries[1].name == "spring.datasource.url"  # dotted names are kept; a reader may skip them
