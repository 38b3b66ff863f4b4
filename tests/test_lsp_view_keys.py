"""A diagnostic's view key carried across an edit (instead of recomputed) always equals the key
computed afresh: random edit scripts over files whose findings carry fixes on other lines (the
`import os` that URL001 adds at the top of a Python file)."""

from __future__ import annotations

from types import SimpleNamespace as NS

from hypothesis import HealthCheck, given, settings, strategies as st

from prodlint.config import Config
from prodlint.engine import Engine, role_for
from prodlint.lsp.diagnostics import view_key
from prodlint.lsp.documents import OpenDocument
from prodlint.parsing import Document

SOURCES = {
    "python": "import requests\n\n" + "".join(
        f'API_{i} = "http://localhost:{8000 + i}/v{i}"  # é😀\n' for i in range(6)),
    "javascript": "".join(f'const api{i} = "http://localhost:{3000 + i}/x"; // 中\n' for i in range(6)),
}
ENGINE = Engine()
SNIPPETS = ["z", "", "é", "😀", "\n", "  ", '"', "x = 1\n"]


def _remember_keys(od: OpenDocument, encoding: str) -> None:
    """What the server's publish does: a key for every finding that has none yet."""
    known = od.view_keys
    od.view_keys = {id(f): known[id(f)] if id(f) in known and known[id(f)][0] is f
                    else (f, view_key(f, od.doc.index, encoding)) for f in od.raw}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(language=st.sampled_from(sorted(SOURCES)), encoding=st.sampled_from(["utf-8", "utf-16"]),
       script=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 30), st.integers(0, 3),
                                 st.sampled_from(SNIPPETS)), min_size=1, max_size=12))
def test_carried_view_keys_equal_fresh_ones(tmp_path_factory, language, encoding, script):
    root = tmp_path_factory.mktemp("vk")
    path = str(root / ("app.py" if language == "python" else "app.js"))
    od = OpenDocument("file://" + path, path, 1, language, Document(path, language, SOURCES[language].encode()),
                      str(root), role_for(path, str(root)))
    od.lint(ENGINE, Config(), full=True)
    assert od.raw, "the sample must have findings"
    _remember_keys(od, encoding)
    for line, char, length, text in script:
        lines = od.doc.text.split("\n")
        line = min(line, len(lines) - 1)
        char = min(char, len(lines[line]))
        end = min(char + length, len(lines[line]))
        rng = NS(start=NS(line=line, character=char), end=NS(line=line, character=end))
        od.apply_change(NS(range=rng, text=text), encoding)
        od.lint(ENGINE, Config())
        for f in od.raw:
            entry = od.view_keys.get(id(f))
            if entry is not None and entry[0] is f:
                assert entry[1] == view_key(f, od.doc.index, encoding)
        _remember_keys(od, encoding)


def test_an_edit_on_one_line_carries_the_keys_of_later_findings(tmp_path):
    path = str(tmp_path / "app.py")
    od = OpenDocument("file://" + path, path, 1, "python", Document(path, "python", SOURCES["python"].encode()),
                      str(tmp_path), role_for(path, str(tmp_path)))
    od.lint(ENGINE, Config(), full=True)
    _remember_keys(od, "utf-16")
    od.apply_change(NS(range=NS(start=NS(line=2, character=0), end=NS(line=2, character=0)), text="Z"), "utf-16")
    od.lint(ENGINE, Config())
    carried = [f for f in od.raw if id(f) in od.view_keys and od.view_keys[id(f)][0] is f]
    assert len(carried) == 5  # every finding but the one on the edited line
    assert all(od.view_keys[id(f)][1] == view_key(f, od.doc.index, "utf-16") for f in carried)
