"""The fact extractors' hot-path shortcuts give what the plain computations give: the function
holding a node named from the indexed scopes (or from the chain of ancestors a file keeps), in
any order asked; every function and class held by the node index; calls found from the index's
start bytes; an import statement's reading kept per statement; the byte searches kept per file;
the early returns of the paid-API, client and logger readings."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings, strategies as st

from prodlint.appmodel import _simple_import_of, js_db_clients, js_logger, simple_import
from prodlint.bytesearch import finder
from prodlint.facts import _scan, limits
from prodlint.languages import PYTHON
from prodlint.parsing import grammar
from prodlint.syntax import INDEXED_TYPES, SCOPE_TYPES, _memo, _walk_types, node_index_of, walk_types
from test_fact_shortcuts import climbed_function_name, context, example_files

LANGUAGES = ("javascript", "typescript", "tsx", "python")
ASKED_TYPES = {"call_expression", "call", "if_statement", "decorator", "identifier", "assignment", "arrow_function",
               "method_definition", "function_definition", "class", "class_declaration", "string", "program", "module"}


def example_contexts() -> list:
    return [context(path.read_text(encoding="utf-8", errors="replace"), path.name) for path in example_files(*LANGUAGES)]


# ---------------------------------------------------------------- scopes in the node index

def test_scope_types_are_every_type_that_names_a_function():
    """`limits` names functions from nodes of `_NAMING` types; the index holds them all (the
    `function` keyword is no named node of these grammars, so never an ancestor)."""
    assert limits._NAMING - {"function"} == SCOPE_TYPES
    assert SCOPE_TYPES <= INDEXED_TYPES
    for language in LANGUAGES:
        assert grammar(language).id_for_node_kind("function", True) is None


def test_every_scope_of_the_example_files_is_in_the_node_index():
    checked = 0
    for ctx in example_contexts():
        index = node_index_of(ctx)
        held = [index.nodes[i].id for kind in SCOPE_TYPES for i in index.by_type.get(kind, ())]
        walked = [n.id for n in _walk_types(ctx.tree.root_node, SCOPE_TYPES) if n.is_named]
        assert sorted(held) == sorted(walked), ctx.path
        checked += len(walked)
    assert checked > 300


def test_walk_types_finds_the_newly_indexed_types_as_a_walk_does():
    """Methods, classes and Python definitions come from the index now; `class` (a keyword too)
    is still walked, so its tokens are found as before."""
    checked = 0
    for ctx in example_contexts():
        root = ctx.tree.root_node
        subtrees = [root] + list(_walk_types(root, {"class_declaration", "function_definition", "class_definition"}))[:10]
        for sub in subtrees:
            for types in ({"method_definition"}, {"class_declaration", "generator_function_declaration"},
                          {"function_definition", "class_definition"}, {"class"}, {"class", "call_expression"}):
                assert [n.id for n in walk_types(sub, types, ctx)] == [n.id for n in _walk_types(sub, types)]
                checked += 1
    assert checked > 1000


# ---------------------------------------------------------------- function names

def names_in_random_order(ctx, seed: int) -> list[tuple[object, str, str]]:
    nodes = list(_walk_types(ctx.tree.root_node, ASKED_TYPES))
    random.Random(seed).shuffle(nodes)
    return [(node, limits.function_name(ctx, node), climbed_function_name(ctx, node)) for node in nodes]


def assert_names_are_the_climbed_ones() -> None:
    """Every asked node of the examples, in a shuffled order, is named as a climb names it."""
    checked = 0
    for seed, ctx in enumerate(example_contexts()):
        for node, got, want in names_in_random_order(ctx, seed):
            assert got == want, (ctx.path, node)
            checked += 1
    assert checked > 5000


def test_function_names_asked_in_any_order_are_the_climbed_ones():
    assert_names_are_the_climbed_ones()


def test_function_names_from_the_chain_of_ancestors_are_the_climbed_ones(monkeypatch):
    """Without the scopes (a file whose scopes the bytes cannot order), the chain kept per file
    names every node as a climb does, in any order asked."""
    monkeypatch.setattr(limits._Scopes, "of", staticmethod(lambda ctx: None))
    assert_names_are_the_climbed_ones()


JS_OPENERS = st.sampled_from([
    "function f() {", "const g = () => {", "const h = async function () {", "class C {", "m() {", "exports.e = () => {",
    "module.exports = function () {", "x({ k: () => {", "app.get('/a', (req, res) => {", "const w = wrap(() => {",
    "export default () => {", "o = { p: function () {", "(() => {", "const K = class {", "const L = class Named {",
    "function* gen() {", "const o2 = { meth() {", "export class E {", "v = function () {}.bind(this, () => {",
    "const q = (0, () => {",
])
PY_OPENERS = st.sampled_from(["def f():", "class C:", "async def g():", "@deco\ndef h():", "class D(B):",
                              "if x:", "with y:"])


def _js_nest(openers: list[str]) -> str:
    body = "call(1); a.b(2);\n"
    for opener in reversed(openers):
        if "class" in opener and not opener.endswith(("() {", "function () {")):
            body = f"{opener}\n m2() {{ {body} }}\n}}" + (";" if opener.startswith("const") else "")
            continue
        closing = "}" + ")" * (opener.count("(") - opener.count(")")) + "}" * (opener.count("{") - 1)
        body = f"{opener}\n{body}{closing}\n"
    return body


def _py_nest(openers: list[str]) -> str:
    body = "call(1)\n"
    for opener in reversed(openers):
        body = opener + "\n" + "".join("    " + line + "\n" for line in body.splitlines())
    return body


@settings(max_examples=250, deadline=None)
@given(st.lists(JS_OPENERS, min_size=1, max_size=5), st.sampled_from(["m.js", "m.ts", "m.tsx"]), st.integers(0, 99))
def test_function_names_in_nested_js_scopes_are_the_climbed_ones(openers, name, seed):
    ctx = context(_js_nest(openers), name)
    for node, got, want in names_in_random_order(ctx, seed):
        assert got == want, (node, ctx.text)


@settings(max_examples=150, deadline=None)
@given(st.lists(PY_OPENERS, min_size=1, max_size=5), st.integers(0, 99))
def test_function_names_in_nested_python_scopes_are_the_climbed_ones(openers, seed):
    ctx = context(_py_nest(openers), "m.py")
    for node, got, want in names_in_random_order(ctx, seed):
        assert got == want, (node, ctx.text)


# ---------------------------------------------------------------- calls starting with a name

def every_call_starting_with(ctx, call_type: str, names: list[str]) -> list:
    """`_calls_starting_with` as first written: every call of the file, asked its start."""
    calls = list(_walk_types(ctx.tree.root_node, {call_type}))
    if any("\ufffd" in name for name in names):
        return calls
    wanted = tuple(name.encode("utf-8") for name in names)
    errors = ctx.tree.root_node.has_error
    return [c for c in calls if ctx.source.startswith(wanted, c.start_byte) or errors and c.has_error]


def test_calls_starting_with_names_are_those_every_call_gives():
    checked = 0
    for seed, ctx in enumerate(example_contexts()):
        call_type = "call" if ctx.language == PYTHON else "call_expression"
        words = sorted({ctx.text_of(n) for n in _walk_types(ctx.tree.root_node, {"identifier"})})
        rng = random.Random(seed)
        for names in ([], words[:1], rng.sample(words, min(4, len(words))), words):
            got = list(limits._calls_starting_with(ctx, call_type, names))
            assert [c.id for c in got] == [c.id for c in every_call_starting_with(ctx, call_type, names)] if names \
                else got == []
            checked += len(got)
    assert checked > 1000


# ---------------------------------------------------------------- imports, byte searches, memos

def test_an_import_statement_read_once_is_read_as_its_text_is():
    checked = 0
    for ctx in example_contexts():
        if ctx.language == PYTHON:
            continue
        for node in _walk_types(ctx.tree.root_node, {"import_statement"}):
            plain = simple_import(ctx.text_of(node))
            for _ in range(2):  # read, then kept
                kept = _simple_import_of(ctx.source[node.start_byte:node.end_byte])
                assert kept == (None if plain is None else (plain[0], tuple(plain[1])))
            checked += 1
    assert checked > 200


WORDS = st.sampled_from([b"limit", b"429", b"many", b"throttl", b"a", b"rate-limit", b"slow"])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=60) | st.text(max_size=30).map(lambda t: t.encode()), st.lists(WORDS, max_size=6))
def test_byte_searches_kept_per_file_answer_as_a_search_does(data, words):
    ctx = context(data.decode("utf-8", "replace"), "m.js")
    source = ctx.source
    for word in words + words:
        assert _scan.has(ctx, word) == (word in source.lower())
    assert _scan.has_any(ctx, words) == any(word in source.lower() for word in words)
    for _ in range(2):
        assert _scan.may_fold(ctx) == (not source.isascii() and any(f in source for f in _scan._FOLDS_TO_ASCII))
    assert _scan.lowered(ctx) == source.lower()


def test_a_helper_kept_per_file_is_computed_once_even_when_it_gives_none():
    calls = []

    @_memo
    def nothing(ctx):
        calls.append(ctx)
        return None

    ctx = context("x = 1\n", "m.py")
    assert nothing(ctx) is None and nothing(ctx) is None
    assert len(calls) == 1


MODULES = st.sampled_from(["openai", "ai", "react", "./x", "twilio", "@/lib/ai", "resend", "express", "", "ai/rsc"])
NAMES = st.sampled_from(["", " openai", " ai", "generateText", "OpenAI", "client", "x", "streamText", " react"])


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(NAMES, MODULES, max_size=6))
def test_imports_without_a_paid_module_or_ai_name_no_client(imports):
    clients = {n: limits.PAID_JS[m] for n, m in imports.items() if m in limits.PAID_JS and n and not n.startswith(" ")}
    ai_sdk = {n for n, m in imports.items() if m == "ai" and n in limits._AI_SDK_CALLS}
    if limits._PAID_JS_OR_AI.isdisjoint(imports.values()):
        assert not clients and not ai_sdk


# ---------------------------------------------------------------- clients and loggers

def plain_db_clients(ctx) -> list[tuple[str, str]]:
    """`js_db_clients` as first written (every import looked at)."""
    from prodlint.appmodel import _JS_CLIENT_CALLS, _JS_CLIENT_MODULES, _JS_CLIENT_NAMES, js_imports
    from prodlint.syntax import js_call_name, js_declarations

    imports = js_imports(ctx)
    modules = set(imports.values())
    out: dict[str, str] = {}
    creates = bool(modules & _JS_CLIENT_MODULES) or b"PrismaClient" in ctx.source
    for name, value in js_declarations(ctx).items() if creates else ():
        if imports.get(name):
            continue
        call = js_call_name(ctx, value)
        for pattern, kind, mods in _JS_CLIENT_CALLS:
            if call and pattern.match(call) and (modules & set(mods) or kind in ("prisma",)):
                out.setdefault(name, kind)
                break
    for name, module in imports.items():
        if name not in _JS_CLIENT_NAMES or name in out:
            continue
        if module == "mongoose" and name == "mongoose":
            out[name] = "mongoose"
        elif module.startswith((".", "@/", "~/", "src/")) and name in _JS_CLIENT_NAMES:
            out[name] = _JS_CLIENT_NAMES[name]
    return [(kind, name) for name, kind in out.items()]


def plain_logger(ctx) -> str | None:
    """`js_logger`'s reading of the imports as first written."""
    from prodlint.appmodel import _JS_LOGGER_MODULES, js_imports

    for name, module in js_imports(ctx).items():
        if name in ("logger", "log") and (module.startswith((".", "@/", "~/", "src/")) or module in _JS_LOGGER_MODULES):
            return name
    return None


CLIENT_LINES = st.sampled_from([
    'import prisma from "./db";', 'import { redis } from "@/lib/redis";', 'import mongoose from "mongoose";',
    'const pool = require("./pool");', 'import logger from "./logger";', 'import log from "pino";',
    'import { log } from "console";', 'const knex = require("knex")(cfg);', 'import { PrismaClient } from "@prisma/client";',
    'const db = new PrismaClient();', 'import Redis from "ioredis";', 'const cache = new Redis();', 'import x from "y";',
])


@settings(max_examples=200, deadline=None)
@given(st.lists(CLIENT_LINES, min_size=1, max_size=6))
def test_clients_and_loggers_read_with_early_returns_are_the_plain_readings(lines):
    ctx = context("\n".join(lines) + "\n", "m.ts")
    assert js_db_clients(ctx) == plain_db_clients(ctx)
    assert js_logger(ctx) == plain_logger(ctx)  # no line creates a logger: the imports say it


def test_clients_of_the_example_files_are_the_plain_readings():
    found = 0
    for ctx in example_contexts():
        if ctx.language == PYTHON:
            continue
        got = js_db_clients(ctx)
        assert got == plain_db_clients(ctx), ctx.path
        found += bool(got)
    assert found > 5


@pytest.mark.parametrize("source, want", [
    ('import logger from "./logger";\n', "logger"), ('import log from "winston";\n', "log"),
    ('import log from "react";\n', None), ("const x = 1;\n", None),
])
def test_a_logger_is_found_from_its_import_alone(source, want):
    assert js_logger(context(source, "m.js")) == want


SEARCHED = st.sampled_from([b"limit", b"429", b"many", b"slow", b"brute", b"throttl", b"rate-limit", b"a", b"y", b"",
                            b"9", b"_x", b"q(", b"ymany", b"Logger", b"rrorHandler", b"PrismaClient", b".use(",
                            b"NestFactory.create", b"LoggerLogger"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([b"many", b"slo", b"w", b"42", b"9", b"brute", b"limi", b"t", b" ", b"y", b"\xff",
                                 b"(?<=", b"\n", b"Logger", b"rror", b"H", b"andler", b"Prisma", b"Client", b".", b"use(",
                                 b"NestFactory", b".create"]), max_size=12).map(b"".join) | st.binary(max_size=40),
       SEARCHED)
def test_a_word_finder_answers_as_a_search_does(data, word):
    assert finder(word)(data) == (word in data)


def test_the_lowered_search_before_a_cased_one_holds_its_word():
    """`_py_facts` searches the lowered bytes for "limit" before the bytes for the call it needs."""
    assert b"limit" in b"FastAPILimiter.init".lower()


@pytest.mark.parametrize("source, refs", [
    ('import c from "./c";\nrouter.post("/a", c.create);\nmap.get("k");\n', [("create", "./c")]),
    ('router.get(/* p */ "/b", /* h */ handler);\nheaders.get("x" /* one */);\n', [("handler", "")]),
    ('app.get("/c", auth, asyncHandler(list));\nparams.get(`q`);\nrouter.get("/d" // c\n);\n', [("list", "")]),
])
def test_route_handlers_are_named_with_calls_of_one_argument_left_out(source, refs):
    from prodlint.engine import combined_query
    import tree_sitter as ts

    ctx = context(source, "routes.js")
    query = combined_query(ctx.language)
    matches = query.dispatch(ts.QueryCursor(query.query).matches(ctx.tree.root_node)).get("facts:limits", [])
    got = [f for f in limits._js_handler_refs(ctx.for_extractor(matches), limits.js_imports(ctx))]
    assert [(f.value, dict(f.data)["module"]) for f in got] == refs
