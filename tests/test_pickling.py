"""Spans, facts and findings pickle as their field values (they cross from pool workers and go into
the result cache): a round trip gives an equal object with the same fields, hash and type."""

from __future__ import annotations

import dataclasses
import pickle

from hypothesis import given
from hypothesis import strategies as st

from prodlint.core import Applicability, Fact, Finding, Fix, Severity, Span, TextEdit

_POINTS = st.tuples(st.integers(0, 10_000), st.integers(0, 500))
_SPANS = st.builds(Span, st.integers(0, 10**6), st.integers(0, 10**6), _POINTS, _POINTS)
_TEXT = st.text(max_size=20)
_DATA = st.lists(st.tuples(_TEXT, st.one_of(_TEXT, st.integers(), st.booleans(), st.none(),
                                           st.tuples(_TEXT, _TEXT))), max_size=4).map(tuple)
_FACTS = st.builds(Fact, _TEXT, _TEXT, st.one_of(st.none(), _SPANS), _TEXT, _DATA)
_FIXES = st.builds(Fix, _TEXT, st.sampled_from(list(Applicability)),
                   st.lists(st.builds(TextEdit, _TEXT, st.integers(0, 99), st.integers(0, 99), _TEXT), max_size=2)
                   .map(tuple), st.booleans())
_FINDINGS = st.builds(Finding, _TEXT, _TEXT, _SPANS, _TEXT, st.lists(_FIXES, max_size=2).map(tuple),
                      st.one_of(st.none(), st.sampled_from(list(Severity))), _TEXT, _DATA,
                      st.lists(st.tuples(_TEXT, _SPANS, _TEXT), max_size=2).map(tuple))


@given(st.one_of(_SPANS, _FACTS, _FINDINGS))
def test_round_trip_keeps_every_field(value: object) -> None:
    back = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(back) is type(value)
    assert back == value and hash(back) == hash(value)
    assert {f.name: getattr(back, f.name) for f in dataclasses.fields(back)} == \
        {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    assert back.__dict__ == value.__dict__  # nothing left out, nothing extra


def test_every_field_is_pickled() -> None:
    """A field added to one of these classes must be added to its `__reduce__` too."""
    span = Span(1, 2, (0, 1), (0, 2))
    for sample in (span, Fact("k", "p"), Finding("C", "p", span, "m")):
        assert len(sample.__reduce__()[1]) == len(dataclasses.fields(sample))
