"""`prodlint.bytesearch.first_tail_in_block` finds what the regex `HEAD[^STOP]*?TAIL` finds (the
Fastify logger option, the Prisma datasource provider) while reading the file once: compared,
match for match, with that regex on sources built from the tokens that steer it."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from prodlint.bytesearch import first_tail_in_block
from prodlint.facts import migrations as M
from prodlint.facts import request_logs as R

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

from prodlint.bytesearch import first_pair_in_segments  # noqa: E402

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


@settings(max_examples=1500, deadline=None)
@given(_sources(JS_LINE_TOKENS))
def test_the_logged_method_search_finds_where_the_regex_starts(source):
    m = LOGGED_METHOD.search(source)
    found = first_pair_in_segments(source, b".method", R._LOGGING_CALL, R._REQUEST_METHOD, b";")
    assert (found is None) == (m is None)
    assert found is None or found[0] == m.start() and found[1] <= m.end()


@settings(max_examples=1500, deadline=None)
@given(_sources(PY_LINE_TOKENS))
def test_the_python_logged_request_search_finds_where_the_regex_starts(source):
    m = PY_LOGS_REQUEST.search(source)
    found = first_pair_in_segments(source, b"request.", R._PY_LOGGING_CALL, R._PY_REQUEST_PART)
    assert (found is None) == (m is None)
    assert found is None or found[0] == m.start() and found[1] <= m.end()


@settings(max_examples=1500, deadline=None)
@given(_sources(UVICORN_TOKENS))
def test_the_uvicorn_access_log_search_finds_where_the_regex_starts(source):
    m = UVICORN_ACCESS_OFF.search(source)
    first = next(first_tail_in_block(source, R._UVICORN_RUN.finditer(source), b")", R._ACCESS_LOG_OFF), None)
    assert (first is None) == (m is None)
    assert first is None or first[0].start() == m.start() and first[1].end() <= m.end()
