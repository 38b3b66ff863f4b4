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



def _changed(name: str, value: object) -> object:
    """Another value for one field of a fact or finding."""
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, Span):
        return Span(value.start, value.end + 1, value.start_point, value.end_point)
    if name == "span":  # a fact's missing span
        return Span(0, 0, (0, 0), (0, 0))
    if name == "severity":
        return Severity.ERROR if value is not Severity.ERROR else None
    extra = {"fixes": Fix("t", Applicability.SAFE, ()), "data": ("k", 1),
             "related": ("p", Span(0, 1, (0, 0), (0, 1)), "m")}[name]
    return (*value, extra)  # type: ignore[misc]


@given(st.one_of(_FACTS, _FINDINGS), st.data())
def test_hash_agrees_with_equality(value: object, data: st.DataObject) -> None:
    """Facts and findings hash a few of their fields, not all: a copy built field by field is
    equal and hashes the same; a copy with any one field changed is another set member."""
    fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    copy = type(value)(**fields)
    assert copy == value and hash(copy) == hash(value) and len({copy, value}) == 1
    name = data.draw(st.sampled_from(sorted(fields)))
    other = dataclasses.replace(value, **{name: _changed(name, fields[name])})
    assert other != value and len({other, value}) == 2
