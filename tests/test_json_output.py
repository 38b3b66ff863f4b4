"""`prodlint check --format json` writes exactly what `json.dumps(indent=2, ensure_ascii=False)`
writes for the same findings, on generated findings (odd strings, non-ASCII, no fixes, several
fixes, related locations) and on the shipped examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from prodlint.api import Applicability, Finding, Fix, Severity, Span
from prodlint.output import Located, locate
from prodlint.output import json as json_output
from prodlint.project import Overrides, run
from prodlint.registry import all_rules

EXAMPLES = Path(__file__).parent.parent / "examples"


def _expected(located: list[Located]) -> str:
    return json.dumps(json_output.as_dicts(located), indent=2, ensure_ascii=False) + "\n"


# every code point, lone surrogates and control characters included
texts = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, categories=None), max_size=30)
numbers = st.integers(min_value=0, max_value=2**40)
spans = st.builds(lambda a, b: Span(0, 0, (a, b), (a, b)), numbers, numbers)
fixes = st.builds(lambda title, applicability: Fix(title, applicability, ()), texts, st.sampled_from(Applicability))
codes = st.sampled_from([r.rule.code for r in all_rules()] + ["XYZ999"]) | texts
findings = st.builds(
    lambda code, path, span, message, fixes, severity, name, related: Finding(
        code, path, span, message, tuple(fixes), severity, name, related=tuple(related)),
    codes, texts, spans, texts, st.lists(fixes, max_size=3), st.none() | st.sampled_from(Severity), texts,
    st.lists(st.tuples(texts, spans, texts), max_size=3))
locateds = st.builds(lambda f, path, a, b, c, d: Located(f, path, a, b, c, d),
                     findings, texts, numbers, numbers, numbers, numbers)


@settings(max_examples=300, deadline=None)
@given(st.lists(locateds, max_size=5))
def test_generated_findings_render_as_json_dumps_does(located):
    out = json_output.render(located)
    assert out == _expected(located)
    assert len(json.loads(out)) == len(located)


def test_no_finding_is_an_empty_array():
    assert json_output.render([]) == "[]\n" == _expected([])


def test_the_examples_render_as_json_dumps_does():
    report = run([str(EXAMPLES)], Overrides(), jobs=1)
    located = [locate(f) for f in report.findings]
    assert located and any(loc.finding.fixes for loc in located) and any(not loc.finding.fixes for loc in located)
    assert json_output.render(located) == _expected(located)


json_data = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | texts,
    lambda inner: st.lists(inner, max_size=4) | st.lists(inner, max_size=3).map(tuple)
    | st.dictionaries(texts | st.integers() | st.floats() | st.booleans() | st.none(), inner, max_size=4),
    max_leaves=30)


@settings(max_examples=500, deadline=None)
@given(json_data)
def test_any_json_data_indents_as_json_dumps_does(value):
    assert json_output.dumps_indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_what_json_cannot_encode_fails_as_json_dumps_does():
    with pytest.raises(TypeError):
        json_output.dumps_indented({"a": [object()]})


@pytest.mark.parametrize("fmt", ["sarif", "gitlab"])
def test_the_nested_formats_are_indented_as_json_dumps_does(fmt):
    from importlib import import_module

    report = run([str(EXAMPLES)], Overrides(), jobs=1)
    out = import_module(f"prodlint.output.{fmt}").render([locate(f) for f in report.findings])
    assert out == json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n"
