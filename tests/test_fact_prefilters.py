"""The shortcuts of the fact extractors and the app model give what the plain walks give: imports
read through named children, Python apps found from the assignments holding a class name, node
chains found from the root (or the handler) down instead of climbing `.parent`."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from prodlint.appmodel import js_imports, py_server_objects
from prodlint.context import FileContext, SourceFile
from prodlint.core import FileRole
from prodlint.facts.express import _between
from prodlint.languages import language_for
from prodlint.lineformats import dockerfile_instructions
from prodlint.parsing import Document
from prodlint.syntax import _walk_types, ancestor_list, ancestors, py_assignments, py_call_name, string_content

ROOT = Path(__file__).resolve().parent.parent


def context(source: str, name: str) -> FileContext:
    language = language_for(name)
    assert language is not None
    doc = Document(f"/project/{name}", language, source.encode())
    return FileContext(SourceFile(doc.path, name, "/project", language, doc.source, doc.tree, lambda: doc.index,
                                  FileRole()))


def walked_imports(ctx: FileContext) -> dict[str, str]:
    """The ESM part of `js_imports` as it was written first: every identifier of the statement,
    found by walking all of its nodes, with its parent looked up."""
    out: dict[str, str] = {}
    for node in _walk_types(ctx.tree.root_node, {"import_statement"}):
        source = node.child_by_field_name("source")
        if source is None:
            continue
        module = string_content(ctx, source)
        out.setdefault("", module)
        for ident in _walk_types(node, {"identifier"}):
            parent = ident.parent
            if parent is not None and parent.type == "import_specifier" \
                    and parent.child_by_field_name("alias") not in (None, ident):
                continue
            out[ctx.text_of(ident)] = module
    return out


NAMES = st.sampled_from(["a", "b", "express", "Router", "get", "default", "type", "as", "from", "x1", "$y"])
SPECIFIER = st.one_of(NAMES, st.tuples(NAMES, NAMES).map(lambda p: f"{p[0]} as {p[1]}"),
                      NAMES.map(lambda n: f"type {n}"), NAMES.map(lambda n: f'"{n}" as {n}'))
CLAUSE = st.one_of(
    NAMES, NAMES.map(lambda n: f"* as {n}"), st.lists(SPECIFIER, max_size=4).map(lambda s: "{ " + ", ".join(s) + " }"),
    st.tuples(NAMES, st.lists(SPECIFIER, min_size=1, max_size=3)).map(lambda p: f"{p[0]}, {{ {', '.join(p[1])} }}"),
    st.tuples(NAMES, NAMES).map(lambda p: f"{p[0]}, * as {p[1]}"),
)
IMPORT = st.one_of(
    st.tuples(st.sampled_from(["", "type "]), CLAUSE, NAMES).map(lambda p: f'import {p[0]}{p[1]} from "{p[2]}";'),
    NAMES.map(lambda n: f'import "{n}";'),
    st.tuples(CLAUSE, NAMES).map(lambda p: f'import {p[0]} from "{p[1]}" with {{ type: "json" }};'),
    st.tuples(CLAUSE, NAMES).map(lambda p: f'import {p[0]} /* c */ from "{p[1]}"; // {p[1]}'),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(IMPORT, min_size=1, max_size=4), st.sampled_from(["m.ts", "m.js", "m.tsx"]))
def test_imports_read_through_named_children_are_the_walked_ones(statements, name):
    ctx = context("\n".join(statements) + "\n", name)
    got = {k: v for k, v in js_imports(ctx).items() if not k.startswith(" ")}
    assert got == walked_imports(ctx)


def test_destructured_requires_keep_their_names():
    ctx = context('const { a, b: c, d = e, [f]: g, ...rest } = require("m");\nconst [h, { i }] = require("n");\n',
                  "m.js")
    imports = js_imports(ctx)
    assert {k: v for k, v in imports.items() if k and not k.startswith(" ")} == {
        "a": "m", "c": "m", "d": "m", "e": "m", "f": "m", "g": "m", "rest": "m", "h": "n", "i": "n"}


def walked_server_objects(ctx: FileContext) -> dict[str, str]:
    """Name -> class of every app/router `py_server_objects` should find, from all assignments."""
    from prodlint.appmodel import PY_APP_CLASSES, PY_FRAMEWORK_MODULES, py_imports

    out = {}
    for name, value in py_assignments(ctx).items():
        call = py_call_name(ctx, value)
        cls = call.rpartition(".")[2]
        if cls in PY_APP_CLASSES and py_imports(ctx).get(call.split(".")[0], "").split(".")[0] in PY_FRAMEWORK_MODULES:
            out[name] = cls
    return out


PY_NAME = st.sampled_from(["app", "api", "bp", "router", "application", "appx", "x"])
PY_VALUE = st.sampled_from(["Flask(__name__)", "FastAPI()", "APIRouter(prefix='/a')", "Blueprint('b', __name__)",
                            "fastapi.FastAPI()", "create_app()", "None", "Router()", "Flask", "other(Flask())",
                            "await FastAPI()", "MyFlask()"])
PY_LINE = st.one_of(
    st.tuples(PY_NAME, PY_VALUE).map(lambda p: f"{p[0]} = {p[1]}"),
    st.tuples(PY_NAME, PY_NAME, PY_VALUE).map(lambda p: f"{p[0]} = {p[1]} = {p[2]}"),
    st.tuples(PY_NAME, PY_VALUE).map(lambda p: f"{p[0]}: object = {p[1]}"),
    st.tuples(PY_NAME, PY_VALUE).map(lambda p: f"def f():\n    {p[0]} = {p[1]}"),
    st.tuples(PY_NAME, PY_NAME).map(lambda p: f"{p[0]} = {p[1]}"),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PY_LINE, min_size=1, max_size=30), st.integers(0, 40))
def test_python_apps_found_from_the_assignments_naming_a_class_are_all_of_them(lines, padding):
    # many assignments take the narrowed look, a few the plain one
    source = "import fastapi\nfrom flask import Flask, Blueprint\nfrom fastapi import FastAPI, APIRouter\n" \
             "from starlette.routing import Router\n" + "\n".join(lines) + "\n" \
             + "".join(f"pad{i} = {i}\n" for i in range(padding))
    ctx = context(source, "app.py")
    assert {name: obj.cls for name, obj in py_server_objects(ctx).items()} == walked_server_objects(ctx)


def sample_files() -> list[Path]:
    files = sorted((ROOT / "rules" / "prodlint_rules").glob("*.examples/**/*"))
    return [f for f in files if f.is_file() and language_for(str(f)) in ("javascript", "typescript", "tsx", "python")]


def test_chains_from_the_root_are_the_climbed_ancestors():
    for path in sample_files()[:150]:
        ctx = context(path.read_text(encoding="utf-8", errors="replace"), path.name)
        for node in _walk_types(ctx.tree.root_node, {"call_expression", "call", "await_expression", "identifier"}):
            assert [n.id for n in ancestor_list(ctx, node)] == [n.id for n in ancestors(node)]


def test_nodes_between_a_handler_and_an_await_are_the_climbed_ones():
    checked = 0
    for path in sample_files():
        if language_for(str(path)) == "python":
            continue
        ctx = context(path.read_text(encoding="utf-8", errors="replace"), path.name)
        for fn in _walk_types(ctx.tree.root_node, {"arrow_function", "function_expression", "function_declaration"}):
            for node in _walk_types(fn, {"await_expression", "call_expression"}):
                if node == fn:
                    continue
                climbed = []
                parent = node.parent
                while parent is not None and parent != fn:
                    climbed.append(parent.id)
                    parent = parent.parent
                assert [n.id for n in _between(fn, node)] == climbed[::-1]
                checked += 1
    assert checked > 100


def test_dockerfile_instructions_are_read_once_per_file():
    ctx = context("FROM node:20\nRUN npm ci \\\n  && npm run build\nCMD [\"node\", \"server.js\"]\n", "Dockerfile")
    first = dockerfile_instructions(ctx)
    assert [i.keyword for i in first] == ["FROM", "RUN", "CMD"]
    assert dockerfile_instructions(ctx) is first
