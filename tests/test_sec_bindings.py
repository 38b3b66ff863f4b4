"""SEC001 folds a split key's constants by looking each name up where its bytes occur
(`_first_binding`) instead of building the file's table of bindings: the node found must be the
table's (`js_declarations` / `py_assignments`), for every name, in every file, parsed cleanly or
not, from the node index (production files) or from the tree (tests, and trees with errors)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings, strategies as st

from prodlint.engine import Engine
from prodlint.languages import language_for
from prodlint.parsing import Document
from prodlint.syntax import js_declarations, py_assignments
from prodlint_rules.hardcoded_secret import _MISSES_BEFORE_REGEX, _first_binding, _occurrence_pattern, _occurrences

ROOT = Path(__file__).parent.parent
ENGINE = Engine()


def _context(name: str, source: bytes):
    path = f"/project/{name}"
    return ENGINE.context(Document(path, language_for(path), source), "/project")


def _identifiers(node) -> list[str]:
    found, stack = [], [node]
    while stack:
        node = stack.pop()
        if node.type == "identifier":
            found.append(node.text.decode("utf-8", "replace"))
        stack.extend(node.children)
    return found


def _assert_same_bindings(name: str, source: bytes, extra: tuple[str, ...] = ()) -> int:
    """Every identifier of the file (and `extra` names) is bound where the table binds it."""
    ctx = _context(name, source)
    table = py_assignments(ctx) if ctx.language == "python" else js_declarations(ctx)
    names = set(_identifiers(ctx.tree.root_node)) | set(table) | set(extra)
    for key in sorted(names):
        assert _first_binding(ctx, key) == table.get(key), (name, key, source[:300])
        assert _first_binding(ctx, key) == table.get(key), (name, key)  # the per-file memo answers the same
    return len(names)


def test_every_example_file_binds_every_name_as_the_table_does():
    seen = 0
    for folder in [ROOT / "examples", *sorted((ROOT / "rules" / "prodlint_rules").glob("*.examples"))]:
        for path in sorted(folder.rglob("*")):
            language = language_for(str(path))
            if path.is_file() and language in ("javascript", "typescript", "tsx", "python"):
                seen += _assert_same_bindings(path.name, path.read_bytes())
    assert seen > 1000


_NAMES = ["KEY", "key", "PREFIX", "REST", "a", "ab", "KEY_2", "$k", "_k", "é"]
_JS_PIECES = st.sampled_from([
    "const {n} = 'ghp_';", "let {n};", "let {n}: string;", "var {n} = {m} + 'x';", "const {n}: string = `${{{m}}}`;",
    "let {m} = 1, {n} = 'x';", "const {{ {n} }} = obj;", "const [{n}] = arr;", "{n} = 'late';", "f({n});",
    "function f({n}) {{ const {n} = 'inner'; }}", "const g = () => {{ let {n} = 'arrow'; }};",
    "// const {n} = 'comment';", "const s = 'const {n} = 1';", "obj.{n} = 2;", "const x{n} = 3;", "const {n}x = 4;",
    "const {n} /* c */ = 5;", "const {n}\n  = 6;", "let {n}!: string;", "class C {{ {n} = 7; }}", "const = ;",
    "const {n} = = 8;", "const 1{n} = 9;", "({n}: 'pair')", "type {n} = string;", "const {n} = (10);",
])
_PY_PIECES = st.sampled_from([
    "{n} = 'ghp_'", "{n}: str = 'x'", "{n}: str", "{n} = {m} = 'chain'", "{m}, {n} = 1, 2", "{n} += 'more'",
    "def f({n}):\n    {n} = 'inner'", "class C:\n    {n} = 'attr'", "# {n} = 'comment'", "s = '{n} = 1'",
    "obj.{n} = 2", "x{n} = 3", "{n}x = 4", "{n} \\\n    = 5", "f({n}={m})", "1{n} = 6", "{n} = = 7", "$ {n} = 8",
    "if True:\n    {n} = 'nested'", "for {n} in xs: pass", "{n}[0] = 9",
])


def _program(pieces: list[tuple[str, str, str]]) -> str:
    return "\n".join(piece.format(n=n, m=m) for piece, n, m in pieces)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_JS_PIECES, st.sampled_from(_NAMES), st.sampled_from(_NAMES)), max_size=8),
       st.sampled_from(["a.js", "a.ts", "a.tsx", "tests/a.test.js", "tests/a.test.ts"]))
@example([("const 1{n} = 9;", "KEY", "a"), ("const {n} = 'x';", "KEY", "a")], "a.js")
def test_javascript_bindings_are_the_tables(pieces, name):
    _assert_same_bindings(name, _program(pieces).encode(), tuple(_NAMES))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PY_PIECES, st.sampled_from(_NAMES), st.sampled_from(_NAMES)), max_size=8),
       st.sampled_from(["a.py", "tests/test_a.py"]))
@example([("1{n} = 6", "KEY", "a"), ("{n} = 'x'", "KEY", "a")], "a.py")
@example([("{n} = {m} = 'chain'", "a", "KEY")], "a.py")
def test_python_bindings_are_the_tables(pieces, name):
    _assert_same_bindings(name, _program(pieces).encode(), tuple(_NAMES))


def test_a_name_with_undecodable_bytes_is_read_from_the_table():
    source = b"const \xff = 'a';\nconst \xfe = 'b';\n"
    assert _assert_same_bindings("a.js", source, ("\ufffd",)) >= 1


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([b"a1", b"a", b"1", b"$", b"_", b" ", b"=", b"a1a1", b"\xc3\xa9", b"\n"]),
                max_size=3 * _MISSES_BEFORE_REGEX),
       st.sampled_from(["a1", "a", "a1a1", "_", "$a"]), st.booleans())
def test_occurrences_are_the_regex_matches(parts, name, python):
    """`_occurrences` steps over a name's bytes with `find` and hands over to the regex after
    many misses: either way it finds what the regex finds, in order."""
    source = b"".join(parts)
    assert list(_occurrences(source, name, python)) == \
        [m.span() for m in _occurrence_pattern(name, python).finditer(source)]


def test_occurrences_hand_over_to_the_regex_after_many_misses():
    source = b" ".join(b"a1%d" % i for i in range(3 * _MISSES_BEFORE_REGEX)) + b" a1 = 1"
    assert list(_occurrences(source, "a1", True)) == [(len(source) - 6, len(source) - 4)]
