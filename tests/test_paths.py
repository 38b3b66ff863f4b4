"""`paths.relative` is `os.path.relpath` for the absolute, normalised paths the engine handles."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from prodlint.paths import relative

_PARTS = st.lists(st.sampled_from(["a", "b", "..", ".", "c.js", "x y", "ä", ".env", "", "a.", "..b"]), max_size=5)


@settings(max_examples=2000, deadline=None)
@given(_PARTS, _PARTS)
def test_relative_equals_relpath(base_parts: list[str], rest: list[str]) -> None:
    base = os.path.normpath("/" + "/".join(base_parts))
    inside = os.path.normpath("/" + "/".join(base_parts + rest))
    elsewhere = os.path.normpath("/" + "/".join(rest))
    assert relative(inside, base) == os.path.relpath(inside, base)
    assert relative(elsewhere, base) == os.path.relpath(elsewhere, base)


def test_root_and_prefix_names() -> None:
    assert relative("/", "/") == "."
    assert relative("/a", "/") == "a"
    assert relative("/ab/c", "/a") == os.path.relpath("/ab/c", "/a")  # a longer name, not a child


@settings(max_examples=2000, deadline=None)
@given(_PARTS, _PARTS, st.sampled_from(["", "/", "//", "/./"]))
def test_unnormalised_input_gives_relpaths_answer(base_parts: list[str], rest: list[str], joint: str) -> None:
    base = "/" + "/".join(base_parts)
    path = base + joint + "/".join(rest)
    if path.startswith("/"):
        assert relative(path, base) == os.path.relpath(path, base)
