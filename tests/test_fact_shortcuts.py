"""The fact extractors' shortcuts give what the plain computations give: facts built from data
already in sorted order, paid-API modules looked up once per module, client passes that stop
when a pass names no new client."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from prodlint.context import FileContext, SourceFile
from prodlint.core import FileRole
from prodlint.facts import limits
from prodlint.facts._build import file_fact, sorted_fact
from prodlint.languages import language_for
from prodlint.parsing import Document

ROOT = Path(__file__).resolve().parent.parent


def context(source: str, name: str, role: FileRole = FileRole()) -> FileContext:
    language = language_for(name)
    assert language is not None
    doc = Document(f"/project/{name}", language, source.encode())
    return FileContext(SourceFile(doc.path, name, "/project", language, doc.source, doc.tree, lambda: doc.index,
                                  role))


def example_files(*languages: str) -> list[Path]:
    files = sorted((ROOT / "rules" / "prodlint_rules").glob("*.examples/**/*")) + sorted(
        (ROOT / "examples").glob("**/*"))
    return [f for f in files if f.is_file() and language_for(str(f)) in languages]


# ---------------------------------------------------------------- facts built from sorted data

KEYS = st.sampled_from(["function", "module", "object", "dev", "major", "version", "command", "a", "z"])
VALUES = st.one_of(st.text(max_size=5), st.integers(), st.booleans(), st.none())


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=4), st.text(max_size=8))
def test_a_fact_from_sorted_data_is_the_keyword_one(data, value):
    ctx = context("const a = f(1);\n", "m.js")
    node = ctx.tree.root_node.named_children[0]
    assert sorted_fact(ctx, "kind", node, value, tuple(sorted(data.items()))) == ctx.fact("kind", node, value, **data)
    assert file_fact(ctx, "import", value) == ctx.fact("import", None, value)


# ---------------------------------------------------------------- paid-API modules

def looped_paid_provider(module: str) -> str | None:
    """The lookup as written inside the per-file loop: the last `PAID_PY` module that matches."""
    found = None
    for paid_module, provider in limits.PAID_PY.items():
        if module == paid_module or module.startswith(paid_module + "."):
            found = provider
    return found


def test_no_paid_python_module_is_below_another():
    for a in limits.PAID_PY:
        for b in limits.PAID_PY:
            assert not b.startswith(a + "."), (a, b)


MODULE_PARTS = st.sampled_from(["openai", "google", "genai", "generativeai", "x", "twilio", "rest", "langchain_openai",
                                "open", "ai", "sendgrid", "helpers"])


@settings(max_examples=300, deadline=None)
@given(st.lists(MODULE_PARTS, min_size=1, max_size=4).map(".".join))
def test_a_paid_python_module_is_found_as_the_loop_finds_it(module):
    assert limits._py_paid_provider(module) == looped_paid_provider(module)


# ---------------------------------------------------------------- client passes

JS_CLIENT_LINES = st.sampled_from([
    'const a = new OpenAI();', 'const b = a.getModel("x");', 'const c = b.client();', 'const d = c.withOptions({});',
    'const e = d.bind(1);', 'const f = e.chat();', 'let g = f.x();', 'this.h = g.y();', 'const t = require("twilio")(s, k);',
    'const u = t.messages;', 'function w() { return c.chat.completions.create({}); }', 'const z = other();',
    'export default f;',
])
PY_CLIENT_LINES = st.sampled_from([
    "a = OpenAI()", "b = a.with_options(x=1)", "c = b.client()", "d = c.x()", "e = d.y()", "f = e.z()",
    "self.g = f.w()", "ses = boto3.client('ses')", "s2 = ses.v()", "def w():\n    return c.chat.create()",
    "z = other()",
])


def _all_passes_js(ctx: FileContext, imports: dict[str, str]) -> list:
    """`_js_paid`'s client passes as first written: always three."""
    clients = {n: limits.PAID_JS[m] for n, m in imports.items() if n and not n.startswith(" ") and m in limits.PAID_JS}
    out = []
    bindings = limits._js_bindings(ctx)
    for _ in range(3):
        for decl in bindings:
            name = decl.child_by_field_name("name") or decl.child_by_field_name("left") \
                or decl.child_by_field_name("property")
            value = limits.unwrap_js(decl.child_by_field_name("value") or decl.child_by_field_name("right"))
            if name is None or value is None or value.type not in ("call_expression", "new_expression"):
                continue
            callee = value.child_by_field_name("function") or value.child_by_field_name("constructor")
            text = ctx.text_of(callee) if callee is not None else ""
            head = text.split(".")[0].split("(")[0]
            provider = clients.get(head) or limits.PAID_JS.get(limits._required_module(ctx, callee))
            key = ctx.text_of(name).removeprefix("this.")
            if provider and key not in clients:
                clients[key] = provider
                if decl.type == "variable_declarator" and limits._top_level(decl):
                    out.append(ctx.fact("paid_client", decl, provider, name=key))
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(JS_CLIENT_LINES, min_size=1, max_size=12))
def test_js_client_passes_stop_when_nothing_new_is_named(lines):
    source = 'import OpenAI from "openai";\n' + "\n".join(reversed(lines)) + "\n"
    ctx = context(source, "m.js")
    imports = limits.js_imports(ctx)
    got = [f for f in limits._js_paid(ctx, imports) if f.kind == "paid_client" and f.value and f.data != (("name", "default"),)]
    assert got == _all_passes_js(ctx, imports)


@settings(max_examples=150, deadline=None)
@given(st.lists(PY_CLIENT_LINES, min_size=1, max_size=12))
def test_python_client_passes_stop_when_nothing_new_is_named(lines):
    source = "import boto3\nfrom openai import OpenAI\n" + "\n".join(reversed(lines)) + "\n"
    ctx = context(source, "m.py")
    imports = limits.py_imports(ctx)
    got = [f for f in limits._py_paid(ctx, imports) if f.kind == "paid_client"]
    clients = {n: p for n, m in imports.items() if (p := looped_paid_provider(m))}
    boto = {n for n, m in imports.items() if m in ("boto3", "boto3.client")}
    want = []
    for _ in range(3):
        for assign in limits.walk_types(ctx.tree.root_node, {"assignment"}, ctx):
            left, right = assign.child_by_field_name("left"), assign.child_by_field_name("right")
            if left is None or right is None or right.type != "call":
                continue
            callee = ctx.text_of(right.child_by_field_name("function"))
            head = callee.split(".")[0]
            key = ctx.text_of(left).removeprefix("self.")
            provider = clients.get(head)
            if provider is None and head in boto and callee.endswith("client"):
                first = right.child_by_field_name("arguments").named_children[0]
                provider = limits._BOTO_PAID.get(limits.string_content(ctx, first)) if first.type == "string" else None
            if provider and key not in clients:
                clients[key] = provider
                if assign.parent.parent.type == "module":
                    want.append(ctx.fact("paid_client", assign, provider, name=key))
    assert got == want


# ---------------------------------------------------------------- function names

def climbed_function_name(ctx: FileContext, node) -> str:
    """`limits.function_name` as first written: every ancestor climbed and named with `.parent`."""
    names: list[str] = []
    classes: set[str] = set()
    current = node.parent
    while current is not None:
        kind = current.type
        got = ""
        if kind in ("function_declaration", "generator_function_declaration", "function_definition", "class_definition",
                    "method_definition"):
            got = ctx.text_of(current.child_by_field_name("name"))
        elif kind in ("arrow_function", "function_expression", "function"):
            parent = current.parent
            while parent is not None and parent.type in ("parenthesized_expression", "call_expression", "arguments"):
                if parent.type == "call_expression" and parent.parent is not None \
                        and parent.parent.type not in ("variable_declarator", "assignment_expression", "pair"):
                    parent = None
                    break
                parent = parent.parent
            if parent is not None:
                if parent.type == "variable_declarator":
                    got = ctx.text_of(parent.child_by_field_name("name"))
                elif parent.type == "pair":
                    got = ctx.text_of(parent.child_by_field_name("key")).strip("'\"")
                elif parent.type == "assignment_expression":
                    left = ctx.text_of(parent.child_by_field_name("left"))
                    got = "default" if left == "module.exports" else left.rpartition(".")[2]
                elif parent.type == "export_statement":
                    got = "default"
        class_name = current.child_by_field_name("name") if kind in ("class_definition", "class_declaration", "class") \
            else None
        if got:
            names.append(got)
        elif kind in ("class_declaration", "class") and class_name is not None:
            names.append(ctx.text_of(class_name))
        if class_name is not None:
            classes.add(ctx.text_of(class_name))
        current = current.parent
    if not names:
        return ""
    if len(names) >= 2 and names[-1] in classes:
        return f"{names[-1]}.{names[-2]}"
    return names[-1]


def test_function_names_are_the_climbed_ones():
    from prodlint.syntax import _walk_types

    checked = 0
    for path in example_files("javascript", "typescript", "tsx", "python"):
        ctx = context(path.read_text(encoding="utf-8", errors="replace"), path.name)
        for node in _walk_types(ctx.tree.root_node, {"call_expression", "call", "if_statement", "decorator",
                                                     "identifier"}):
            assert limits.function_name(ctx, node) == climbed_function_name(ctx, node), (path, node)
            checked += 1
    assert checked > 1000


JS_SCOPES = st.lists(st.sampled_from([
    "function f() {", "const g = () => {", "const h = async function () {", "class C {", "m() {", "exports.e = () => {",
    "module.exports = function () {", "x({ k: () => {", "app.get('/a', (req, res) => {", "const w = wrap(() => {",
    "export default () => {", "o = { p: function () {", "(() => {",
]), min_size=1, max_size=5)


@settings(max_examples=200, deadline=None)
@given(JS_SCOPES)
def test_function_names_in_nested_scopes_are_the_climbed_ones(openers):
    body = "call(1);\n"
    for opener in reversed(openers):
        closing = "}" + ")" * (opener.count("(") - opener.count(")")) + "}" * (opener.count("{") - 1)
        if opener.startswith("class"):
            body = f"{opener}\n m2() {{ {body} }}\n}}"
            continue
        body = f"{opener}\n{body}{closing}\n"
    ctx = context(body, "m.js")
    from prodlint.syntax import _walk_types

    for node in _walk_types(ctx.tree.root_node, {"call_expression"}):
        assert limits.function_name(ctx, node) == climbed_function_name(ctx, node)


# ---------------------------------------------------------------- words a pattern's matches hold

def gated_patterns() -> list:
    """(pattern, words one of which every match of it holds) of the byte searches before a regex."""
    from prodlint.facts import request_logs as R

    from prodlint.facts import container, debug, deploy

    cases = [(R._FINISH_LISTENER, words) for words in R._GATES[R._FINISH_LISTENER]]
    return cases + [(R._PY_LOGGING_MIDDLEWARE, R._PY_LOGGING_MIDDLEWARE_WORDS),
                    (R._PY_REQUEST_HOOK, R._PY_REQUEST_HOOK_WORDS),
                    (container._SHELL_WRAPPED, ("-c",)), (debug._FLASK_RUN, ("flask",)),
                    (deploy._COMPOSE_COMMAND, ("command", "entrypoint"))]


@pytest.mark.parametrize("case", range(len(gated_patterns())))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_every_match_of_a_gated_pattern_holds_its_gate_words(case, data):
    pattern, words = gated_patterns()[case]
    text = data.draw(st.from_regex(pattern))
    m = pattern.search(text)
    assert m is not None
    assert any(word in m.group(0) for word in words), (pattern.pattern, m.group(0))


def test_the_hook_word_searched_only_with_middleware_holds_it():
    assert b"iddleware" in b".middleware("


# ---------------------------------------------------------------- server objects

JS_OBJECT_LINES = [
    'import next from "next";', 'import { NextResponse } from "next/server";', 'import express from "express";',
    'import http from "http";', 'const app = express();', 'const server = app.listen(3000);', 'const r = next();',
    'const s = http.createServer(app);', 'const app2 = require("express")();', 'const rt = require("express").Router();',
    'const nest = await NestFactory.create(AppModule);', 'const h = NextResponse.json({});', 'const x = next.listen(1);',
    'const Router = require("next").Router; const rr = Router();', 'import Koa from "koa"; const k = new Koa();',
]


def _all_objects(ctx: FileContext, monkeypatch) -> dict:
    from prodlint import appmodel

    with monkeypatch.context() as patched:
        patched.setattr(appmodel, "_CREATES_OBJECTS", frozenset(appmodel.JS_FRAMEWORK_MODULES))
        return appmodel.js_server_objects.__wrapped__(ctx)


def test_a_nextjs_import_alone_makes_no_server_object(monkeypatch):
    from itertools import combinations

    from prodlint.appmodel import js_server_objects

    found = 0
    for count in (1, 2, 3):
        for lines in combinations(JS_OBJECT_LINES, count):
            ctx = context("\n".join(lines) + "\n", "m.ts")
            got = js_server_objects(ctx)
            assert got == _all_objects(ctx, monkeypatch), lines
            found += bool(got)
    assert found > 100


def test_server_objects_on_the_example_files_are_those_of_every_declaration(monkeypatch):
    from prodlint.appmodel import js_server_objects

    found = 0
    for path in example_files("javascript", "typescript", "tsx"):
        ctx = context(path.read_text(encoding="utf-8", errors="replace"), path.name)
        got = js_server_objects(ctx)
        assert got == _all_objects(ctx, monkeypatch), path
        found += bool(got)
    assert found > 20


# ---------------------------------------------------------------- class members found from their bytes

CLASS_MEMBER_LINES = [
    'import express from "express";', 'import Koa from "koa";', 'import { NestFactory } from "@nestjs/core";',
    'import fastify from "fastify";', 'import * as http from "http";',
    'class A { constructor() { this.app = express(); } }', 'class B { app = express(); }',
    'class C { public server: express.Application = express(); }', 'class D { k = new Koa(); }',
    'class E { async start() { this.app = await NestFactory.create(M); } }', 'class F { f = fastify({ logger: true }) }',
    'class G { constructor() { this.app = null; this.app = express(); } }', 'class H { constructor() { this.a = 1; } }',
    'class I { constructor() { this.s = http.createServer(h); } }', 'const app = express();',
    'class J { constructor() { this.x = this.y = express(); } }', 'class K { constructor() { this.q = (express()); } }',
    'const s = "this.app = express()"; // this.z = express()', 'class L { constructor(e) { this.v = e === express; } }',
    'class M { static app = express(); #p = express(); }', 'class N { constructor() { this["a"] = express(); } }',
]


def _members_by_walk(ctx: FileContext) -> dict:
    """What `js_member_bindings` answers, from a walk of every member binding of the file: the
    first one of each member whose value calls (maybe `await`/`new`) a name the file imports from
    a framework that creates objects, or NestFactory."""
    from prodlint.appmodel import _CREATES_OBJECTS, js_imports
    from prodlint.syntax import _walk_types

    names = {n for n, m in js_imports(ctx).items() if m in _CREATES_OBJECTS and n and not n.startswith(" ")}
    names.add("NestFactory")
    out: dict = {}
    for node in _walk_types(ctx.tree.root_node, {"assignment_expression", "public_field_definition",
                                                 "field_definition"}):
        if node.type == "assignment_expression":
            left, value = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is None or value is None or left.type != "member_expression" \
                    or left.child_by_field_name("object").type != "this":
                continue
            prop = left.child_by_field_name("property")
        else:
            prop = node.child_by_field_name("name") or node.child_by_field_name("property")
            value = node.child_by_field_name("value")
        if prop is None or value is None or prop.type != "property_identifier":
            continue
        text = ctx.text_of(value)
        for word in ("await ", "new "):
            text = text.removeprefix(word).lstrip()
        head = text.split("(")[0].split(".")[0].split("<")[0].strip()
        if head in names:
            out.setdefault("this." + ctx.text_of(prop), value)
    return out


def test_class_members_found_from_their_bytes_are_those_of_a_walk():
    from itertools import combinations

    from prodlint.appmodel import js_member_bindings

    found = 0
    for count in (2, 3):
        for lines in combinations(CLASS_MEMBER_LINES, count):
            ctx = context("\n".join(lines) + "\n", "m.ts")
            got = js_member_bindings.__wrapped__(ctx)
            assert got == _members_by_walk(ctx), lines
            found += bool(got)
    assert found > 100
    for path in example_files("javascript", "typescript", "tsx"):
        ctx = context(path.read_text(encoding="utf-8", errors="replace"), path.name)
        assert js_member_bindings.__wrapped__(ctx) == _members_by_walk(ctx), path


def test_a_member_first_bound_to_something_else_is_still_the_app():
    from prodlint.appmodel import js_server_objects

    ctx = context('import express from "express";\nclass A { constructor() { this.app = null;\n'
                  '    this.app = express(); this.app.listen(3000); } }\n', "a.js")
    assert js_server_objects(ctx)["this.app"] == ("express", "app")


# ---------------------------------------------------------------- imports read from their text

def tree_import_names(ctx: FileContext, node) -> tuple[str, list[str]]:
    """(module, names) of an ESM import statement as `js_imports` reads its tree."""
    from prodlint.appmodel import _named_identifiers
    from prodlint.syntax import string_content

    module = string_content(ctx, node.child_by_field_name("source"))
    names = [ctx.text_of(ident) for ident, parent in _named_identifiers(node)
             if not (parent.type == "import_specifier" and parent.child_by_field_name("alias") not in (None, ident))]
    return module, names


def check_simple_imports(ctx: FileContext) -> int:
    from prodlint.appmodel import simple_import
    from prodlint.syntax import _walk_types

    read = 0
    if ctx.tree.root_node.has_error:
        return read
    for node in _walk_types(ctx.tree.root_node, {"import_statement"}):
        simple = simple_import(ctx.text_of(node))
        if simple is not None:
            assert node.child_by_field_name("source") is not None, ctx.text_of(node)
            assert simple == tree_import_names(ctx, node), ctx.text_of(node)
            read += 1
    return read


IMPORT_NAMES = st.sampled_from(["a", "b", "x1", "$y", "_z", "type", "as", "from", "default", "of", "async", "React"])
IMPORT_SPECIFIERS = st.one_of(
    IMPORT_NAMES, st.tuples(IMPORT_NAMES, IMPORT_NAMES).map(lambda p: f"{p[0]} as {p[1]}"),
    IMPORT_NAMES.map(lambda n: f"type {n}"), IMPORT_NAMES.map(lambda n: f'"{n}" as {n}'),
    IMPORT_NAMES.map(lambda n: f"/* c */ {n}"), IMPORT_NAMES.map(lambda n: f"{n} // c\n"))
IMPORT_CLAUSES = st.one_of(
    IMPORT_NAMES, IMPORT_NAMES.map(lambda n: f"* as {n}"),
    st.tuples(st.lists(IMPORT_SPECIFIERS, max_size=4), st.sampled_from(["", ",", " ,\n"])).map(
        lambda p: "{ " + ", ".join(p[0]) + p[1] + " }"),
    st.tuples(IMPORT_NAMES, st.lists(IMPORT_SPECIFIERS, min_size=1, max_size=3)).map(
        lambda p: f"{p[0]}, {{ {', '.join(p[1])} }}"),
    st.tuples(IMPORT_NAMES, IMPORT_NAMES).map(lambda p: f"{p[0]},* as {p[1]}"),
)
IMPORT_STATEMENTS = st.one_of(
    st.tuples(st.sampled_from(["", "type ", "typeof "]), IMPORT_CLAUSES, st.sampled_from(["m", "./a", "@s/p", "a'b"]),
              st.sampled_from(['"', "'"]), st.sampled_from([";", "", " ;", ' with { type: "json" };'])).map(
        lambda p: f"import {p[0]}{p[1]} from {p[3]}{p[2]}{p[3]}{p[4]}"),
    st.sampled_from(['import "m";', "import 'side-effect'", 'import x from "a\\"b";', 'import x = require("m");']),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(IMPORT_STATEMENTS, min_size=1, max_size=4), st.sampled_from(["m.js", "m.ts", "m.tsx"]))
def test_an_import_read_from_its_text_is_the_tree_reading(statements, name):
    ctx = context("\n".join(statements) + "\nconsole.log(1);\n", name)
    check_simple_imports(ctx)


def test_imports_of_the_example_files_read_from_their_text_are_the_tree_readings():
    read = sum(check_simple_imports(context(path.read_text(encoding="utf-8", errors="replace"), path.name))
               for path in example_files("javascript", "typescript", "tsx"))
    assert read > 200


# ---------------------------------------------------------------- quiet files

NEXT_LINES = [
    'import { NextResponse } from "next/server";', 'import next from "next";', 'import type { Metadata } from "next";',
    'const app = next({ dev });', 'app.prepare().then(() => {});', 'router.get("/a", (req, res) => res.send(1));',
    'app.use(cors());', 'server.listen(3000);', 'fastify.get("/b", async () => 1);', 'instance.register(x);',
    'app.route("/c").post(h);', 'http.createServer(h).listen(1);', 'process.on("SIGTERM", stop);',
    'searchParams.get("q");', 'headers().get("x");', 'const api = makeApi(); api.get("/d", h);',
    'import http from "http";', 'http.createServer(h).get("/e", f);',
]


def test_a_nextjs_file_is_as_quiet_as_one_without_a_framework(monkeypatch):
    from itertools import combinations

    from prodlint.engine import combined_query
    from prodlint.facts import node

    def node_facts(ctx: FileContext) -> list:
        query = combined_query(ctx.language)
        import tree_sitter as ts

        matches = query.dispatch(ts.QueryCursor(query.query).matches(ctx.tree.root_node)).get("facts:node", [])
        return list(node.facts(ctx.for_extractor(matches)))

    checked = 0
    sources = [(path.read_text(encoding="utf-8", errors="replace"), path.name)
               for path in example_files("javascript", "typescript", "tsx")]
    sources += [("\n".join(lines) + "\n", "page.ts") for count in (2, 3) for lines in combinations(NEXT_LINES, count)
                if any("next" in line for line in lines)]
    for source, name in sources:
        got = node_facts(context(source, name))
        with monkeypatch.context() as patched:
            patched.setattr(node, "_NO_RECEIVERS", frozenset({None}))
            want = node_facts(context(source, name))
        assert got == want, source
        checked += bool(got)
    assert checked > 300


def test_every_fact_of_the_example_files_keeps_its_data_sorted():
    """What `fact` guarantees for keyword data holds for the facts built from written-out data."""
    from prodlint.config import Config
    from prodlint.engine import Engine

    engine, seen = Engine(), 0
    for path in example_files("javascript", "typescript", "tsx", "python", "json"):
        language = language_for(str(path))
        doc = Document(str(path), language, path.read_bytes())
        for f in engine.lint_document(doc, str(path.parent), Config(), with_findings=False).facts:
            keys = [key for key, _ in f.data]
            assert keys == sorted(set(keys)), (path, f)
            seen += f.kind in ("module_call", "route", "env_read", "dependency", "script")
    assert seen > 100


def named_py_imports(ctx: FileContext) -> dict[str, str]:
    """`py_imports` as first written: fields by name, texts through `ctx.text_of`."""
    from prodlint.syntax import _walk_types

    out: dict[str, str] = {}
    for node in _walk_types(ctx.tree.root_node, {"import_statement", "import_from_statement"}):
        if node.type == "import_statement":
            for child in node.named_children:
                if child.type == "aliased_import":
                    out[ctx.text_of(child.child_by_field_name("alias"))] = ctx.text_of(child.child_by_field_name("name"))
                elif child.type == "dotted_name":
                    out[ctx.text_of(child).split(".")[0]] = ctx.text_of(child)
            continue
        module_node = node.child_by_field_name("module_name")
        module = ctx.text_of(module_node) if module_node is not None else ""
        for child in node.named_children:
            if child == module_node:
                continue
            if child.type == "aliased_import":
                out[ctx.text_of(child.child_by_field_name("alias"))] = \
                    f"{module}.{ctx.text_of(child.child_by_field_name('name'))}"
            elif child.type == "dotted_name":
                out[ctx.text_of(child)] = f"{module}.{ctx.text_of(child)}"
    return out


PY_IMPORTS = st.sampled_from([
    "import os", "import a.b.c", "import a as b", "import a.b as c, d", "from m import x", "from m import x as y, z",
    "from . import v", "from .. import w as u", "from .pkg.mod import (p,\n  q as r,)", "from m import *",
    "def f():\n    import late", "try:\n    import ujson as json\nexcept ImportError:\n    import json",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(PY_IMPORTS, min_size=1, max_size=6))
def test_python_imports_read_by_field_id_are_the_named_reading(lines):
    from prodlint.appmodel import py_imports

    ctx = context("\n".join(lines) + "\n", "m.py")
    assert py_imports(ctx) == named_py_imports(ctx)


def test_python_imports_of_the_example_files_are_the_named_reading():
    from prodlint.appmodel import py_imports

    for path in example_files("python"):
        ctx = context(path.read_text(encoding="utf-8", errors="replace"), path.name)
        assert py_imports(ctx) == named_py_imports(ctx), path


def test_every_limit_setting_key_holds_a_lowercase_limit_word():
    assert all(b"limit" in key.lower() or b"throttl" in key.lower() for key in limits._SETTING_KEYS)


# ---------------------------------------------------------------- require calls

def every_require_call(ctx: FileContext) -> list:
    """`_require_calls` without skipping the words that go on (`required`): each occurrence asked
    of the tree."""
    source, root, found = ctx.source, ctx.tree.root_node, []
    at = source.find(b"require")
    while at >= 0:
        end = at + 7
        node = root.descendant_for_byte_range(at, end)
        while node is not None and node.start_byte == at and node.end_byte == end:
            parent = node.parent
            if parent is not None and parent.type == "call_expression":
                fn = parent.child_by_field_name("function")
                if fn is not None and fn.start_byte == at and fn.end_byte == end:
                    found.append(parent)
                    break
            node = parent
        at = source.find(b"require", end)
    return found


REQUIRE_PIECES = st.sampled_from([
    'require("a")', "require ('b')", "require\n('c')", "required", "require_x('d')", "require$('e')", "requireX('f')",
    "requireé('g')", "x.require('h')", "(require)('i')", "// require('j')", "'require'", "require", "require(",
    "const k = require('k').default;", "await require('l')", "if (required) {", "{", "}", ";", "\n", " ",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(REQUIRE_PIECES, min_size=1, max_size=12), st.sampled_from(["m.js", "m.ts", "m.tsx"]))
def test_require_calls_skip_only_words_that_go_on(pieces, name):
    from prodlint.appmodel import _require_calls

    ctx = context("".join(pieces) + "\n", name)
    assert [n.id for n in _require_calls(ctx)] == [n.id for n in every_require_call(ctx)]


def test_require_calls_of_the_example_files_are_every_one():
    from prodlint.appmodel import _require_calls

    found = 0
    for path in example_files("javascript", "typescript", "tsx"):
        ctx = context(path.read_text(encoding="utf-8", errors="replace"), path.name)
        got = [n.id for n in _require_calls(ctx)]
        assert got == [n.id for n in every_require_call(ctx)], path
        found += len(got)
    assert found > 20


# ---------------------------------------------------------------- a file's style read from its bytes

STYLE_LINES = st.sampled_from(["", "a();", "a()", " b;  ", "\tc = 1;", "  // x;", " * y)", "/* z */ '", "d`",
                               "    e(f)\r", "  g;\r", "*;", " ", "h = 'i'", "    /*", "        j;"])


def _semicolons_by_lines(text: str) -> bool:
    """`uses_semicolons` read line by line: code lines (not starting, after blanks, with `//`, `*`
    or `/*`) ending in `;` against those ending in a closing bracket or quote."""
    ends = bare = 0
    for line in text.split("\n"):
        if line.lstrip(" \t\r\f\v").startswith(("//", "*", "/*")):
            continue
        last = line.rstrip(" \t\r\f\v")[-1:]
        ends += last == ";"
        bare += last != "" and last in ")'\"`"
    return ends >= bare or ends > 0 and bare == 0


def _indent_by_lines(text: str, python: bool) -> str:
    """`indent_unit` read line by line over the first 400 lines."""
    lines = text.split("\n")[:400]
    if any(line.startswith("\t") for line in lines):
        return "\t"
    sizes = [len(line) - len(line.lstrip(" ")) for line in lines
             if line.startswith(" ") and line.lstrip(" ")[:1] not in ("", "*", "\r")]
    if not sizes:
        return "    " if python else "  "
    return " " * min(sizes)


@settings(max_examples=500, deadline=None)
@given(st.lists(STYLE_LINES, max_size=12), st.integers(0, 420))
def test_a_files_style_read_from_its_bytes_is_the_line_by_line_reading(lines, padding):
    from prodlint.syntax import indent_unit, uses_semicolons

    text = "\n".join(["x;"] * padding + lines)
    ctx = context(text, "m.js")
    assert uses_semicolons.__wrapped__(ctx) == _semicolons_by_lines(text)
    assert indent_unit.__wrapped__(ctx) == _indent_by_lines(text, False)


def test_the_example_files_style_read_from_their_bytes_is_the_line_by_line_reading():
    from prodlint.syntax import indent_unit, uses_semicolons

    for path in example_files("javascript", "typescript", "tsx", "python"):
        text = path.read_bytes().decode("utf-8", errors="replace")
        ctx = context(text, path.name)
        python = ctx.language == "python"
        assert indent_unit.__wrapped__(ctx) == _indent_by_lines(text, python), path
        if not python:
            assert uses_semicolons.__wrapped__(ctx) == _semicolons_by_lines(text), path
