"""Searches that read a run once give what the regexes they replaced gave (those read the run
again from each of its bytes on hostile input): `prodlint.bytesearch.first_tail_in_block` (what
`HEAD[^STOP]*?TAIL` finds: the Fastify logger option, uvicorn's access_log, the Prisma datasource
provider), `first_pair_in_segments` (a logging call, then the request on its line), and the
rewritten install, trailing-comment, cache-condition, Docker and compose patterns. Each is
compared, match for match, with the former regex (kept here) on inputs built from the tokens
that steer it."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from prodlint.bytesearch import first_pair_in_segments, first_tail_in_block
from prodlint.facts import healthcheck as HC
from prodlint.facts import migrations as M
from prodlint.facts import request_logs as R
from prodlint_rules import connection_per_request as CPR
from prodlint_rules import hardcoded_localhost_url as URL
from prodlint_rules import hardcoded_secret as SEC

#: the single regexes the two searches replace
FASTIFY_LOGGER = re.compile(rb"\b[Ff]astify(?:['\"`]\s*\))?\s*\(\s*\{[^)]*?\blogger(Instance)?\b\s*(:(?!\s*false\b)|[,}])")
PRISMA_PROVIDER = re.compile(rb"datasource\s+\w+\s*\{[^}]*?provider\s*=\s*\"(\w+)\"", re.S)

FASTIFY_TOKENS = ["Fastify({", "fastify( {", "Fastify('x')({", "fastify(", "logger", "loggerInstance", "mylogger",
                  ": false", ": true", ":", ",", "}", ")", "(", "{", " ", "\n", "x", "astify", "logger,"]
PRISMA_TOKENS = ["datasource db {", "datasource  x\n{", "datasource", "provider", " = ", "=", '"postgresql"',
                 '"mongodb"', '"', "}", "{", " ", "\n", "x", "db", "providers"]


def _sources(tokens: list[str]):
    return st.lists(st.sampled_from(tokens), max_size=40).map(lambda parts: "".join(parts).encode())


@settings(max_examples=1500, deadline=None)
@given(_sources(FASTIFY_TOKENS))
def test_the_fastify_logger_search_finds_what_the_regex_finds(source):
    expected = [(m.start(), m.end()) for m in R._fastify_matches(FASTIFY_LOGGER, source)]
    found = [(call.start(), key.end()) for call, key in
             first_tail_in_block(source, R._fastify_matches(R._FASTIFY_CALL, source), b")", R._LOGGER_KEY)]
    assert found == expected


@settings(max_examples=1500, deadline=None)
@given(_sources(PRISMA_TOKENS))
def test_the_prisma_provider_search_finds_what_the_regex_finds(source):
    m = PRISMA_PROVIDER.search(source)
    first = next(first_tail_in_block(source, M._PRISMA_DATASOURCE.finditer(source), b"}", M._PRISMA_PROVIDER), None)
    assert (first[1].group(1) if first else None) == (m.group(1) if m else None)
    assert (first[0].start() if first else None) == (m.start() if m else None)


def test_a_tail_is_looked_for_again_past_one_before_the_head():
    source = b"logger, Fastify({ a }) Fastify({ logger: true })"
    found = list(first_tail_in_block(source, R._fastify_matches(R._FASTIFY_CALL, source), b")", R._LOGGER_KEY))
    assert [(c.start(), k.end()) for c, k in found] == [(m.start(), m.end()) for m in FASTIFY_LOGGER.finditer(source)]
    assert len(found) == 1


# ---------------------------------------------------------------- a head, then a tail on its line


LOGGED_METHOD = re.compile(rb"""\b(console|log|logger|\w+Logger|fastify\.log)\.\w+\([^;\n]*\b(ctx|req|request|c\.req)\.method""")
PY_LOGS_REQUEST = re.compile(rb"\b(log|logger|logging|print)\w*[.(][^\n]*\brequest\.(method|path|url)")
UVICORN_ACCESS_OFF = re.compile(rb"\buvicorn\.run\([^)]*\baccess_log\s*=\s*False")

JS_LINE_TOKENS = ["console.log(", "logger.info(", "appLogger.warn(", "fastify.log.info(", "log.x(", "req.method",
                  "ctx.method", "c.req.method", "request.method", ".method", ";", "\n", " ", "(", ")", "x", "log",
                  "Logger", "console."]
PY_LINE_TOKENS = ["logger.info(", "print(", "logging.", "log_x(", "request.path", "request.url", "request.method",
                  "request.", "\n", " ", "x", "(", "log", "req"]
UVICORN_TOKENS = ["uvicorn.run(", "access_log=False", "access_log = False", "access_log=True", ")", "(", " ", "\n",
                  "app", ","]


#: (the regex, the tokens that steer it, `first_pair_in_segments`'s arguments after the source)
LINE_PAIRS = {
    "logged method": (LOGGED_METHOD, JS_LINE_TOKENS, (b".method", R._LOGGING_CALL, R._REQUEST_METHOD, b";")),
    "python logged request": (PY_LOGS_REQUEST, PY_LINE_TOKENS, (b"request.", R._PY_LOGGING_CALL, R._PY_REQUEST_PART)),
}


@pytest.mark.parametrize("case", sorted(LINE_PAIRS))
@settings(max_examples=1500, deadline=None)
@given(data=st.data())
def test_a_line_pair_search_finds_where_the_regex_starts(case, data):
    regex, tokens, args = LINE_PAIRS[case]
    source = data.draw(_sources(tokens))
    m = regex.search(source)
    found = first_pair_in_segments(source, *args)
    assert (found is None) == (m is None)
    assert found is None or found[0] == m.start() and found[1] <= m.end()


@settings(max_examples=1500, deadline=None)
@given(_sources(UVICORN_TOKENS))
def test_the_uvicorn_access_log_search_finds_where_the_regex_starts(source):
    m = UVICORN_ACCESS_OFF.search(source)
    first = next(first_tail_in_block(source, R._UVICORN_RUN.finditer(source), b")", R._ACCESS_LOG_OFF), None)
    assert (first is None) == (m is None)
    assert first is None or first[0].start() == m.start() and first[1].end() <= m.end()


# ---------------------------------------------------------------- patterns that read a run once


INSTALL = re.compile(r"\b(apt-get|apt|apk|yum|dnf|microdnf)\b[^&;|]*\binstall\b([^&;|]*)")
TRAILING_COMMENT = re.compile(r"\s+#.*$")
CACHE_CONDITION = re.compile(r"readyState|[cC]onnected|[cC]onnection|[cC]ached|\bconn\b|"
                             r"(!|\bnot\s+)[\w.]*([cC]lient|[pP]ool|[dD]b|[eE]ngine|[iI]nstance)\b|"
                             r"[\w.]*([cC]lient|[pP]ool|[dD]b|[eE]ngine)\s+is\s+None")
DOCKER_ASSIGN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\S+)")


def _texts(tokens: list[str]):
    return st.lists(st.sampled_from(tokens), max_size=30).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_texts(["apt-get", "apt", "yum", "apk", "install", "reinstall", " ", "&&", ";", "|", "curl", "-y", "\n", "x"]))
def test_the_install_lists_are_the_regex_groups(command):
    assert list(HC._install_lists(command)) == [m.group(2) for m in INSTALL.finditer(command)]


@settings(max_examples=1500, deadline=None)
@given(_texts([" ", "\t", "#", "x", "url", ": ", "'#'", "\\"]))
def test_the_trailing_comment_is_the_one_the_regex_removed(content):
    assert URL._TRAILING_COMMENT.sub("", content) == TRAILING_COMMENT.sub("", content)


@settings(max_examples=1500, deadline=None)
@given(_texts(["client", "Pool", "db", "engine", " is None", " is ", "None", "not ", "!", ".", "_", "x", " ", "conn",
               "(", "self."]))
def test_the_cache_condition_holds_where_the_regex_held(condition):
    assert bool(CPR._CACHE_CONDITION.search(condition)) == bool(CACHE_CONDITION.search(condition))


@settings(max_examples=1500, deadline=None)
@given(_texts(["A", "b", "_", "=", "1", " ", '"x y"', "'v'", "-", ".", "KEY", "é"]))
def test_the_docker_assignments_are_the_regex_ones_for_names_no_digit_starts(body):
    """Alike but where a word starts with a digit (`1A=x`): the regex took `A` for a name there."""
    assume(re.search(r"(?<![A-Za-z0-9_])[0-9]+[A-Za-z_]", body) is None)
    old = [(m.group(1), m.group(2), m.start(2)) for m in DOCKER_ASSIGN.finditer(body)]
    new = [(m.group(1), m.group(2), m.start(2)) for m in SEC._DOCKER_ASSIGN.finditer(body)]
    assert new == old


SECRET_COMPOSE_ENTRY = re.compile(r"^(-\s*)?([\"']?)([A-Za-z_][A-Za-z0-9_.]*)\s*([=:])\s*(.*?)\s*$")
URL_COMPOSE_ENTRY = re.compile(r"^-?\s*([\"']?)([A-Za-z_][A-Za-z0-9_]*)\s*[=:]\s*(.*?)\1?\s*$")


@settings(max_examples=2000, deadline=None)
@given(_texts(["- ", "API_URL", "KEY", '"', "'", "=", ": ", " ", "\t", "http://localhost:3000", "x", "\u00a0", "a b"]))
def test_the_compose_entries_are_the_regex_ones(line):
    old, new = SECRET_COMPOSE_ENTRY.match(line), SEC._COMPOSE_ENTRY.match(line)
    assert (old is None) == (new is None)
    assert old is None or old.groups() == new.groups()
    old, new = URL_COMPOSE_ENTRY.match(line), URL._COMPOSE_ENTRY.match(line)
    assert (old is None) == (new is None)
    assert old is None or (old.group(1), old.group(2), old.group(3)) == (new.group(1), new.group(2), URL._entry_value(new))
