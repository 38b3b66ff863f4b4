"""The project model's own constructors build the same objects as its dataclasses."""

from __future__ import annotations

from dataclasses import fields

from prodlint.core import fact
from prodlint.facts.views import Route, _route


def test_a_route_built_fast_equals_the_dataclass():
    f = fact("route", "/p/a.js", None, "/x", method="GET")
    args = (f, "GET", "/x", ("/x",), "express", "app", None)
    fast, slow = _route(*args), Route(*args)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert [getattr(fast, x.name) for x in fields(Route)] == list(args)
