"""SEC001's byte prefilter: the fast gate (`SECRET_GATE`) is a necessary condition of the hint
(`SECRET_HINT`): wherever the hint finds a token or URL-password shape, so does the gate. A string
or comment the gate passes over is never looked at again, so a miss here would drop a finding."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prodlint_rules._secrets import (
    _TOKEN_PATTERNS, FILE_HINT, SECRET_GATE, SECRET_HINT, SHORTEST_TOKEN, _loosened, may_hold_secret,
)

try:
    from re import _parser as sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]

# every alternative of the hint, as the hint has it (no lookarounds: a generator cannot honour them,
# and a generated sample the hint then refuses is simply not a case)
ALTERNATIVES = [re.sub(r"\(\?[!=][^()]*\)", "", _loosened(p.pattern)) for _, _, p in _TOKEN_PATTERNS] \
    + [r"://[^\s/?#'\"`@]*@"]
FILLER = st.binary(max_size=12) | st.sampled_from([b"", b" ", b"'", b"\"", b"sk", b"_", b"-", b"x" * 40, b"\xc3\xa9"])


def test_every_token_pattern_is_an_alternative_of_the_hint():
    """The gate was derived alternative by alternative: a new token pattern must be added to it."""
    assert SECRET_HINT.pattern.count(b"|") >= len(_TOKEN_PATTERNS)
    assert len(ALTERNATIVES) == len(_TOKEN_PATTERNS) + 1


def test_only_the_url_password_fits_in_fewer_bytes_than_the_shortest_token():
    """A string shorter than SHORTEST_TOKEN is searched only when it holds an `@`."""
    *tokens, url = ALTERNATIVES
    assert url.startswith("://") and "@" in url
    for pattern in tokens:
        assert sre_parse.parse(pattern.encode()).getwidth()[0] >= SHORTEST_TOKEN, pattern
    assert min(len(sample) for sample in SHORTEST[:-1]) == SHORTEST_TOKEN  # AKIA + 16: the bound is tight


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_the_gate_finds_what_the_hint_finds_in_every_alternative(data):
    for pattern in ALTERNATIVES:
        sample = data.draw(st.from_regex(pattern.encode(), fullmatch=True), label=pattern[:30])
        before, after = data.draw(FILLER), data.draw(FILLER)
        source = before + sample + after
        for start, end in ((0, len(source)), (len(before), len(before) + len(sample))):
            if SECRET_HINT.search(source, start, end) is not None:
                assert SECRET_GATE.search(source, start, end) is not None, (pattern, source, start, end)
                assert may_hold_secret(source, start, end)


# the shortest match of each alternative, built to miss the gate's other alternatives
SHORTEST = [b"sk_live_" + b"a" * 16, b"rk_test_" + b"a" * 16, b"whsec_" + b"+/=" * 8, b"AKIA" + b"A" * 16,
            b"ASIA" + b"A" * 16, b"ghp_" + b"a" * 36, b"github_pat_" + b"a_" * 25, b"xoxb-" + b"a" * 20,
            b"https://hooks.slack.com/services/T/B/" + b"a" * 16, b"sk-ant-api03-" + b"a" * 32, b"sk-" + b"a" * 32,
            b"AIza" + b"a" * 35, b"SG." + b"a" * 16 + b"." + b"a" * 20, b"SK" + b"f" * 32, b"key-" + b"a" * 32,
            b"npm_" + b"a" * 36, b"-----BEGIN PRIVATE KEY", b"eyJ" + b"a" * 8 + b".eyJ" + b"a" * 8 + b"." + b"a" * 16,
            b"://u:p@"]


@pytest.mark.parametrize("sample", SHORTEST)
def test_the_gate_finds_the_shortest_match_of_each_alternative(sample):
    source = b"'" + sample + b"'"
    assert SECRET_HINT.search(source) is not None
    assert SECRET_GATE.search(source, 1, len(source) - 1) is not None


PIECES = st.sampled_from([b"sk_live_", b"rk_test_", b"whsec_", b"AKIA", b"ASIA", b"ghp_", b"github_pat_", b"xoxb-",
                          b"https://hooks.slack.com/services/", b"sk-ant-api03-", b"sk-proj-", b"sk-", b"AIza",
                          b"SG.", b"SK", b"key-", b"npm_", b"-----BEGIN RSA PRIVATE KEY", b"eyJ", b"://", b"@", b".",
                          b"u:p@", b"/", b" ", b"\n", b"0123456789abcdef", b"ABCDEFGHIJKLMNOP", b"aZ09-_", b"+/=",
                          b"\xd9\xa3", b"A" * 20, b"f" * 32])


@settings(max_examples=2000, deadline=None)
@given(st.lists(PIECES, max_size=14).map(b"".join), st.integers(0, 200), st.integers(0, 200))
def test_the_gate_is_a_necessary_condition_of_the_hint_on_any_slice(source, a, b):
    start, end = min(a, b), max(a, b)
    if SECRET_HINT.search(source, start, end) is not None:
        assert SECRET_GATE.search(source, start, end) is not None
    assert may_hold_secret(source, start, end) == (SECRET_HINT.search(source, start, end) is not None)
    if SECRET_HINT.search(source, start, end) is not None:  # a JSON file is skipped on the whole-file search
        assert FILE_HINT.search(source) is not None and SECRET_GATE.search(source) is not None


def _looks_past_its_match(items) -> list:
    """The anchors, word boundaries and lookarounds of a parsed pattern, at any depth."""
    found = []
    for op, value in items:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            found.append((name, value))
        for part in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(part, sre_parse.SubPattern):
                found += _looks_past_its_match(part)
            elif isinstance(part, (list, tuple)):
                for sub in part:
                    if isinstance(sub, sre_parse.SubPattern):
                        found += _looks_past_its_match(sub)
    return found


def test_the_whole_file_hint_matches_by_its_own_bytes_only():
    """What FILE_HINT matches depends on the matched bytes alone, so a match within a string's
    slice is one in the whole file; the hint itself has lookaheads that FILE_HINT drops, and the
    walk sees them (so it would see an anchor or a boundary added later)."""
    assert _looks_past_its_match(sre_parse.parse(FILE_HINT.pattern)) == []
    assert _looks_past_its_match(sre_parse.parse(SECRET_HINT.pattern)) != []


@pytest.mark.parametrize("sample", SHORTEST)
def test_the_whole_file_hint_finds_each_alternative_in_a_json_string(sample):
    source = b'{"k": "' + sample + b'", "z": 1}'
    start = source.index(sample) - 1
    assert SECRET_HINT.search(source, start, start + len(sample) + 2) is not None
    assert FILE_HINT.search(source) is not None
