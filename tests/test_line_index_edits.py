"""The line index a `Document` keeps across edits (shifted in place for an edit that adds or
removes no line break) is the index of its new text, whatever the edit: line breaks of every
kind in the edit, beside it, or in the buffer, multi-byte characters, empty edits."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from prodlint.parsing import Document
from prodlint.positions import UTF16, LineIndex

SEEDS = [
    "import os\n\n\ndef f():\n    return os.environ.get('中')\n",
    "const a = 1;\r\nconst b = 2;\r\n\r\nfunction f() {\r\n  return a;\r\n}\r\n",
    "x = 1\ry = 2\n# lone CR above\n",
    "",
]
SNIPPETS = ["", "z", "zz", "😀", "é", "\n", "\r", "\r\n", "a\nb", "\t", "    "]

edits = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 6), st.sampled_from(SNIPPETS)), min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(seed=st.sampled_from(range(len(SEEDS))), script=edits, language=st.sampled_from(["python", "plain"]))
def test_the_index_after_edits_is_the_index_of_the_new_text(seed, script, language):
    doc = Document("x.py", language, SEEDS[seed].encode())
    for where, length, insert in script:
        start = int(where * len(doc.source))
        end = min(len(doc.source), start + length)
        doc.edit_bytes(start, end, insert.encode())
        fresh = LineIndex(doc.source)
        assert doc.index.source == doc.source
        assert doc.index.starts == fresh.starts
        assert doc.index.line_starts == fresh.line_starts
        assert doc.index.line_count == fresh.line_count
        for offset in range(0, len(doc.source) + 1, max(1, len(doc.source) // 7)):
            assert doc.index.position(offset, UTF16) == fresh.position(offset, UTF16)
            assert doc.index.point(offset) == fresh.point(offset)


def test_a_keystroke_in_a_long_buffer_moves_the_rows_after_it():
    text = "".join(f"line_{i} = {i}\n" for i in range(2000)).encode()
    doc = Document("x.py", "python", text)
    before = list(doc.index.starts)
    at = before[1000] + 3
    doc.edit_bytes(at, at, b"abc")
    assert doc.index.starts[:1001] == before[:1001]
    assert doc.index.starts[1001:] == [s + 3 for s in before[1001:]]
    doc.edit_bytes(at, at + 3, b"")
    assert doc.index.starts == before
