"""Incremental parsing: a random script of LSP range edits applied through `Document.edit`
(InputEdit + tree.edit + reparse with the old tree) gives the same tree as parsing the final text
from scratch, for JavaScript, TypeScript, TSX and Python, with emoji, CJK, CRLF and tabs.

tree-sitter's error recovery may build a different (equally valid) ERROR tree incrementally than
from scratch, so where the final text does not parse cleanly the trees are compared only for
both seeing the error; a script that is then undone must get back exactly the original tree
(the server, for its part, reparses a quiet document with errors from scratch)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings, strategies as st

from prodlint.parsing import Document, parse
from prodlint.positions import UTF8, UTF16, UTF32

SEEDS = {
    "javascript": 'const API = "http://localhost:3000";\r\nfunction f(a) {\n\treturn fetch(`${API}/😀`);\n}\n',
    "typescript": 'interface A { x: number }\nconst s: string = "中文";\nexport async function g(): Promise<void> {\n  await h();\n}\n',
    "tsx": 'export const C = () => <div title="😀">{items.map(i => <b key={i}>{i}</b>)}</div>;\n',
    "python": 'import os\r\n\r\nclass A:\n    def f(self):\n        return os.environ.get("中", "x")\n',
}
SNIPPETS = ["", "a", "(", ")", "{", "}", "\n", "\r\n", "\r", "\u2028", "\t", " ", ";", '"', "'", "`", "😀", "中文",
            "if (x) {", "def g():\n    pass\n", "<div>", "</div>", "=>", "await ", "# c\n", "// c\n",
            "/*", "*/", "${", "é"]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _position(text: str, index: int, encoding: str) -> tuple[int, int]:
    """(line, character) of a character index, computed independently of LineIndex, on the
    lines an LSP client counts ("\r\n", lone "\r", "\n")."""
    before = text[:index]
    lines = re.split("\r\n|\r|\n", before)
    line = len(lines) - 1
    col_text = lines[-1]
    if encoding == UTF8:
        return line, len(col_text.encode())
    if encoding == UTF16:
        return line, len(col_text.encode("utf-16-le")) // 2
    return line, len(col_text)


def _outside_crlf(text: str, index: int) -> int:
    """No LSP position names the inside of a "\r\n": step back before its "\r"."""
    return index - 1 if text[index - 1:index + 1] == "\r\n" and index > 0 else index


edit_script = st.lists(
    st.tuples(st.floats(0, 1), st.integers(0, 12), st.sampled_from(SNIPPETS)), min_size=1, max_size=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(language=st.sampled_from(sorted(SEEDS)), script=edit_script,
       encoding=st.sampled_from([UTF8, UTF16, UTF32]))
def test_incremental_parse_equals_full_parse(language, script, encoding):
    text = SEEDS[language]
    doc = Document("x", language, text.encode())
    undo = []
    for where, length, insert in script:
        start = _outside_crlf(text, int(where * len(text)))
        end = _outside_crlf(text, min(len(text), start + length))
        doc.edit(_position(text, start, encoding), _position(text, end, encoding), insert, encoding)
        undo.append((start, start + len(insert), text[start:end]))
        text = text[:start] + insert + text[end:]
        assert doc.source == text.encode()
    full = parse(language, text.encode()).root_node
    if full.has_error:
        assert doc.tree.root_node.has_error
    else:
        assert str(doc.tree.root_node) == str(full)
    for start, end, old in reversed(undo):
        if _outside_crlf(text, start) != start:  # widen the undo over the pair it splits
            start, old = start - 1, "\r" + old
        if _outside_crlf(text, end) != end:
            end, old = end + 1, old + "\n"
        doc.edit(_position(text, start, encoding), _position(text, end, encoding), old, encoding)
        text = text[:start] + old + text[end:]
    assert text == SEEDS[language]
    assert str(doc.tree.root_node) == str(parse(language, text.encode()).root_node)


def test_changed_ranges_are_empty_when_only_a_token_text_changes():
    doc = Document("x.js", "javascript", b"const a = 1;\n")
    doc.edit((0, 10), (0, 11), "2")
    assert doc.changed_ranges == []
    assert str(doc.tree.root_node) == str(parse("javascript", b"const a = 2;\n").root_node)


def test_changed_ranges_cover_a_structural_change():
    doc = Document("x.js", "javascript", b"const a = 1;\n")
    doc.edit((0, 10), (0, 11), "f(1)")
    assert doc.changed_ranges and doc.changed_ranges[0][0] <= 10
