"""NET001's textual test of whether a callee's head is imported: the words of a file's import
statements, gathered once per file, give the same answer as searching the file for that head
after `import` (the search it replaced, kept for heads that are not one ASCII word)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from prodlint_rules.outbound_call_without_timeout import _import_words, _imported_by_search

HEADS = ["requests", "httpx", "a", "b", "x1", "_s", "session", "import", "from", "as"]
WORDS = st.sampled_from([b"requests", b"httpx", b"a", b"b", b"x1", b"_s", b"session", b"as", b"import", b"\xc3\xa9"])
GLUE = st.sampled_from([b"", b" ", b", ", b"\n", b"(", b")", b" (", b"\n    ", b"#", b".", b"\t", b"\\\n"])
#: what may stand before `import`: a line start, a `from` clause, a word or `__` glued to it
BEFORE = st.sampled_from([b"", b"\n", b"\n  ", b"\nfrom a ", b"\nfrom a.b\t", b"from . ", b"x", b"__", b" ", b"\n# ",
                          b"print(", b"\nif x: "])


@st.composite
def sources(draw) -> bytes:
    """Statements shaped like imports (and near misses) with words and glue between them."""
    out = []
    for _ in range(draw(st.integers(1, 5))):
        out.append(draw(BEFORE) + b"import" + draw(st.sampled_from([b"", b" ", b"(", b" (", b"lib", b"__("])))
        for _ in range(draw(st.integers(0, 5))):
            out.append(draw(WORDS) + draw(GLUE))
    return b"".join(out)


@settings(max_examples=1500, deadline=None)
@given(sources(), st.sampled_from(HEADS))
def test_import_words_answer_as_the_search_does(source, head):
    assert (head.encode() in _import_words(source)) == _imported_by_search(source, head)


def test_import_forms():
    source = b"import requests as r\nfrom x import (\n    a,\n    b as c,\n)\nprint(d)  # import later\n"
    words = _import_words(source)
    for head in ("requests", "r", "a", "b", "c"):
        assert head.encode() in words
    assert b"d" not in words and b"print" not in words and b"later" not in words
