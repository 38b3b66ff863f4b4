"""A URL with a password is found where the plain pattern finds it, without reading a run of
scheme characters again from each of its word starts (`a.b.c.…`: 1.6 s for 20 KB before)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from prodlint_rules._secrets import _CRED_URL, _CRED_URL_RUN, find_credential_url

# the characters that decide where a match starts and ends, and the letters whose case folding
# is not ASCII's (the Kelvin sign, the long s, a dotted capital I)
PIECES = st.sampled_from(["a", "Z", "q1", "0", "+", ".", "-", "_", "://", ":", "@", "/", " ", "\n", "?", "#", "'",
                          "`", "\"", "é", "\u212a", "\u017f", "\u0130", "postgres", "redis", "u", "p4ss", "host",
                          "db.internal", "x"])


def _spans(matches) -> list:
    return [(m.span(), m.groupdict()) for m in matches]


SCHEME_PIECES = st.sampled_from(["a", "Z", "q", "0", "+", ".", "-", "_", "é", "\u212a", "\u017f", "\u0130", " ", ":"])
# text shaped like a URL with a password more often than random pieces are: a run of scheme
# characters (several word starts, some not letters), `://`, user info, `@`, a host
URL_SHAPED = st.tuples(st.lists(PIECES, max_size=4), st.lists(SCHEME_PIECES, max_size=10), st.sampled_from(["://", ":/"]),
                       st.lists(PIECES, max_size=4), st.sampled_from(["u:p@h", ":x@db", "u:@h", "a:b@", "a:b@c d"]),
                       st.lists(PIECES, max_size=6)).map(
    lambda parts: "".join(parts[0]) + "".join(parts[1]) + parts[2] + "".join(parts[3]) + parts[4] + "".join(parts[5]))


@settings(max_examples=3000, deadline=None)
@given(st.lists(PIECES, max_size=24).map("".join) | URL_SHAPED)
def test_the_run_search_finds_what_the_plain_pattern_finds(text):
    expected = _spans(_CRED_URL.finditer(text))
    found = _spans(_CRED_URL.match(text, run.start("scheme")) for run in _CRED_URL_RUN.finditer(text))
    assert found == expected
    assert [run.end() for run in _CRED_URL_RUN.finditer(text)] == [m.end() for m in _CRED_URL.finditer(text)]


def test_a_long_run_of_scheme_characters_is_read_once():
    """At 2 MB the plain pattern would take hours; this is milliseconds (no timing asserted:
    the run's length makes a quadratic search outlast any test timeout)."""
    text = "a." * 1_000_000 + " postgres://app:" + "s3cr" + "et@db.internal/app"
    match = find_credential_url(text)
    assert match is not None and match.group("host") == "db.internal" and match.group("scheme") == "postgres"
    assert re.fullmatch(r"s3cret", match.group("password"))


def test_a_password_runs_to_the_last_at_before_the_host():
    """User info ends at the authority's last `@`, as URL parsers read it; an `@` left for the host
    means no host follows the user info."""
    match = find_credential_url("postgres://app:p@ss!w0rd@db.internal:5432/app")
    assert match is not None
    assert (match.group("user"), match.group("password"), match.group("host")) == ("app", "p@ss!w0rd", "db.internal")
    assert find_credential_url("postgresql://app:P@ss!@#$%^&*@postgres:5432/app") is None  # every @ before the #
    assert find_credential_url("postgresql://app:p@ss!w0rd@postgres:5432/app", local_hosts_ok=True) is None


def test_a_long_run_of_at_signs_is_read_once():
    """Each `@` of a password is tried as the end of the user info once, and the host's characters
    after it are read once (no timing asserted: at 2 MB a quadratic search outlasts any timeout)."""
    assert find_credential_url("x://u:" + "p@" * 1_000_000 + "#") is None
    match = find_credential_url("x://u:" + "p@" * 1_000_000 + "db.internal/app")
    assert match is not None and match.group("host") == "db.internal"
    assert find_credential_url("x://u:p@" + "h" * 2_000_000 + "@") is None
