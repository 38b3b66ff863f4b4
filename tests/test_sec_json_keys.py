"""SEC001's JSON query leaves out the keys of pairs (about half a JSON file's strings): a key
names a value and is never reported itself. Each file below is checked twice, from the query's
matches and from a capture of every string, and the findings must be the same; and every string
that is not a key must be one of the query's captures, however malformed the document."""

from __future__ import annotations

import json

import tree_sitter as ts
from hypothesis import example, given, settings, strategies as st

from prodlint.engine import Engine
from prodlint.languages import language_for
from prodlint.parsing import Document, compile_query
from prodlint_rules import hardcoded_secret as sec

ENGINE = Engine()

_STRINGS = st.sampled_from([
    "apiKey", "password", "client_secret", "db", "token", "name", "dependencies", "sk_live_4eC39HqLyjWDarjtT1zdp7dX",
    "s3cr3t-Pa55word-2024", "postgres://app:pw1234x@db.example.com/app", "AKIAZ7Q3X9V2M4N8K1LP",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Nw3Ej2k", "hello world", "your-api-key", "ghp_" + "aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5",
    "a\\\"b", "\\u0070assword", "ü-wert", "",
])
_LEAVES = _STRINGS.map(json.dumps) | st.sampled_from(["1", "true", "null", "-2.5e3"])
_DOCUMENTS = st.recursive(
    _LEAVES,
    lambda inner: st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]")
    | st.lists(st.tuples(_STRINGS.map(json.dumps), inner), max_size=4).map(
        lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"),
    max_leaves=12)
_DAMAGE = st.lists(st.tuples(st.integers(0, 400), st.sampled_from(["", "{", "}", "[", "]", ":", ",", '"', '"x"', "\n"]),
                             st.integers(0, 3)), max_size=4)


def _damaged(text: str, damage: list[tuple[int, str, int]]) -> str:
    for at, insert, cut in damage:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut:]
    return text


def _findings(ctx, matches) -> list[tuple]:
    rule_ctx = ctx.for_rule(sec.RULE, matches)
    return sorted((f.span.start, f.span.end, f.message, tuple(fix.title for fix in f.fixes)) for f in sec.check(rule_ctx))


def _assert_same_as_every_string(name: str, text: str) -> list[tuple]:
    path = f"/project/{name}"
    doc = Document(path, language_for(path), text.encode())
    ctx = ENGINE.context(doc, "/project")
    every = list(ts.QueryCursor(compile_query("json", "((string) @str)")).matches(doc.tree.root_node))
    query = list(ts.QueryCursor(compile_query("json", sec.QUERY["json"])).matches(doc.tree.root_node))
    captured = {caps["str"][0].id for _, caps in query}
    for _, caps in every:
        node = caps["str"][0]
        parent = node.parent
        if parent is None or parent.type != "pair" or parent.child_by_field_name("key") != node:
            assert node.id in captured, (text, node)
    found = _findings(ctx, query)
    assert found == _findings(ctx, every), text
    return found


@settings(max_examples=300, deadline=None)
@given(_DOCUMENTS, _DAMAGE, st.sampled_from(["config.json", "test/fixture.json", "locales/en.json"]))
@example('{"apiKey": "sk_live_4eC39HqLyjWDarjtT1zdp7dX", "password": "s3cr3t-Pa55word-2024"}', [], "config.json")
@example('{"a" "sk_live_4eC39HqLyjWDarjtT1zdp7dX": 1, "password": ["s3cr3t-Pa55word-2024"]}', [], "config.json")
@example('"password" "s3cr3t-Pa55word-2024"', [], "config.json")
def test_json_findings_are_those_of_every_string(document, damage, name):
    _assert_same_as_every_string(name, _damaged(document, damage))


def test_the_json_query_leaves_out_only_keys():
    text = '{"apiKey": "v-1234567890", "list": ["a-1234567890", {"k": "v"}], "bad" "x": 1}\n"top-level"'
    doc = Document("/project/a.json", "json", text.encode())
    query = ts.QueryCursor(compile_query("json", sec.QUERY["json"])).matches(doc.tree.root_node)
    captured = sorted(doc.source[n.start_byte:n.end_byte].decode() for _, caps in query for n in caps["str"])
    assert captured == sorted(['"v-1234567890"', '"a-1234567890"', '"v"', '"bad"', '"top-level"'])


def test_secrets_in_values_and_lists_are_still_found():
    text = '{"apiKey": "sk_live_4eC39HqLyjWDarjtT1zdp7dX", "dbPassword": ["s3cr3t-Pa55word-2024"], "a" "b": 1}'
    assert len(_assert_same_as_every_string("config.json", text)) == 2
