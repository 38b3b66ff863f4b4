"""Two whole-text patterns give the same yes or no as the plain forms they replace, without reading
a run again from each of its starts: a placeholder's `{{ … }}` (a run of `{` with no `}`) and a
Python app's `….run(` (one long word holding `app` many times)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from prodlint_rules._console_calls import PY_SERVER_CLASSES, _STARTS_SERVER
from prodlint_rules._secrets import _PLACEHOLDER

PLAIN_PLACEHOLDER = re.compile(_PLACEHOLDER.pattern.replace(r"\{\{(?:[^{}]|\{(?!\{))*\}\}", r"\{\{[^}]*\}\}"), re.I)
PLAIN_STARTS_SERVER = re.compile(r"\b(" + "|".join(PY_SERVER_CLASSES) + r")\(|\b\w*(app|application|server)\w*\.run\(|"
                                 r"\b(uvicorn|hypercorn|waitress|web|socketio)\.(run|serve|run_app)\(|\bserve\(\w*app")

BRACES = st.lists(st.sampled_from(["{", "}", "{{", "}}", "a", " ", "x", "$", "<", ">", "\n"]), max_size=20).map("".join)
WORDS = st.lists(st.sampled_from(["app", "server", "application", ".run(", ".run", "(", "my", "_", "x", " ", ".", "é",
                                  "uvicorn", "Flask", "serve(", "1"]), max_size=16).map("".join)


def test_the_placeholder_pattern_keeps_its_plain_form_but_one_alternative():
    assert PLAIN_PLACEHOLDER.pattern != _PLACEHOLDER.pattern and r"\{\{[^}]*\}\}" in PLAIN_PLACEHOLDER.pattern


@settings(max_examples=3000, deadline=None)
@given(BRACES)
def test_placeholder_braces_answer_as_before(text):
    assert (_PLACEHOLDER.search(text) is None) == (PLAIN_PLACEHOLDER.search(text) is None)


@settings(max_examples=3000, deadline=None)
@given(WORDS)
def test_a_python_app_run_answers_as_before(text):
    assert (_STARTS_SERVER.search(text) is None) == (PLAIN_STARTS_SERVER.search(text) is None)


def test_long_runs_are_read_once():
    """At these sizes the plain forms take minutes (no time is asserted: they would outlast any
    test timeout)."""
    assert _PLACEHOLDER.search("{" * 300_000) is None
    assert _STARTS_SERVER.search("app" * 300_000 + ".runner") is None
    assert _STARTS_SERVER.search("app" * 300_000 + ".run(") is not None
