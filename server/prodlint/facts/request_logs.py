"""Facts about request logging: a middleware or server option that writes one line per HTTP request
(morgan, pino-http, express-winston, koa-logger, hono's `logger()`, `Fastify({ logger: true })`, a
`res.on("finish")` middleware; Python logging middlewares, `after_request` loggers, paste's
TransLogger), and the Python servers' access-log switches (`uvicorn.run(access_log=False)`,
`accesslog` in a gunicorn config file). Read from imports and the file's text: these are short,
distinctive spellings, and a miss only makes LOG002 quieter. Each pattern runs only on a file that
holds the literal words it needs (a substring test costs far less than a regex scan of the text)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator

from prodlint.api import JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Fact, FileContext
from prodlint.appmodel import js_imports, py_imports
from prodlint.bytesearch import first_pair_in_segments, first_tail_in_block

TARGETS = (JAVASCRIPT, TYPESCRIPT, TSX, PYTHON)
RUNTIME = True  # describes the running app: not run on tests, scripts, examples (the engine skips them)

#: packages that log each request once mounted (also recognised as package.json dependencies)
JS_REQUEST_LOGGERS = frozenset({
    "morgan", "pino-http", "express-pino-logger", "express-winston", "koa-logger", "koa-pino-logger", "koa-morgan",
    "hono/logger", "hono-pino", "express-bunyan-logger", "express-requests-logger", "morgan-body", "nestjs-pino",
    "@hono/pino", "express-http-context-logger", "winston-express", "@tinyhttp/logger", "polka-logger",
    "restify-logger", "express-request-logger", "koa-bunyan-logger", "@ogma/nestjs-module",
})
PY_REQUEST_LOGGERS = ("paste.translogger", "django_structlog", "asgi_logger", "request_logging", "flask_log_request_id",
                      "starlette_exporter", "fastapi_structlog", "asgi_correlation_id", "flask_request_logger")

_FASTIFY_OPTIONS = re.compile(rb"\b[Ff]astify(?:['\"`]\s*\))?\s*\(\s*(?P<arg>[^)\s])")
#: `Fastify({ … logger: … })`, the key before the call's first `)`: `_FASTIFY_CALL`, then the first
#: `_LOGGER_KEY` before a `)` (`first_tail_in_block`: `[^)]*?` between them reads the file once per
#: call when no `)` follows)
_FASTIFY_CALL = re.compile(rb"\b[Ff]astify(?:['\"`]\s*\))?\s*\(\s*\{")
_LOGGER_KEY = re.compile(rb"\blogger(Instance)?\b\s*(:(?!\s*false\b)|[,}])")
_FINISH_LISTENER = re.compile(rb"""\b(res|response|reply\.raw|ctx\.res)\.(on|once)\(\s*['"](finish|close)['"]""")
#: `logger.info(… req.method …)` on one line, no `;` between (`first_pair_in_segments`)
_LOGGING_CALL = re.compile(rb"""\b(console|log|logger|\w+Logger|fastify\.log)\.\w+\(""")
_REQUEST_METHOD = re.compile(rb"""\b(ctx|req|request|c\.req)\.method""")
_LOGGER_MIDDLEWARE = re.compile(rb"""\.use\(\s*(['"][^'"]*['"]\s*,\s*)?\w*(log|Log)\w*\b""")
_PY_LOGGING_MIDDLEWARE = re.compile(rb"\b\w*(Logging|Logger|AccessLog|RequestLog)\w*Middleware\b|\bTransLogger\b|"
                                    rb"\bdjango_structlog\.middlewares\b|\brequest_logging\.middleware\b")
_PY_REQUEST_HOOK = re.compile(rb"""@\w+\.(after_request|middleware\(\s*['"]http['"]\s*\))""")
#: `logger.info(… request.path …)` on one line (`first_pair_in_segments`)
_PY_LOGGING_CALL = re.compile(rb"\b(log|logger|logging|print)\w*[.(]")
_PY_REQUEST_PART = re.compile(rb"\brequest\.(method|path|url)")
#: `uvicorn.run(…, access_log=False)` before the call's first `)` (`first_tail_in_block`)
_UVICORN_RUN = re.compile(rb"\buvicorn\.run\(")
_ACCESS_LOG_OFF = re.compile(rb"\baccess_log\s*=\s*False")


def _first_span(pattern: re.Pattern[bytes]) -> Callable[[bytes], tuple[int, int] | None]:
    """The span of `pattern`'s first match in a file (None: none)."""
    def span(source: bytes) -> tuple[int, int] | None:
        m = pattern.search(source)
        return (m.start(), m.end()) if m else None
    return span


def _logged_method(source: bytes) -> tuple[int, int] | None:
    return first_pair_in_segments(source, b".method", _LOGGING_CALL, _REQUEST_METHOD, b";")


#: (pattern, mechanism, literal words without one of which the pattern cannot match, the span of
#: its first match in a file)
_JS_MECHANISMS = (
    (_FINISH_LISTENER, "finish-listener", (b"finish'", b'finish"', b"close'", b'close"'), _first_span(_FINISH_LISTENER)),
    (_LOGGING_CALL, "logging-middleware", (b".method",), _logged_method),  # then `_REQUEST_METHOD`
    (_LOGGER_MIDDLEWARE, "logging-middleware", (b".use(",), _first_span(_LOGGER_MIDDLEWARE)),
)
#: words one of which each of the words of a mechanism holds, in turn (searching for them first
#: skips most files faster than searching for each word): a finish listener is `.on(` or `.once(`
_GATES = {_FINISH_LISTENER: ((b".on",), (b"finish", b"close"))}
#: one of which every match of `_PY_LOGGING_MIDDLEWARE` holds ("iddleware": `Middleware`,
#: `django_structlog.middlewares`, `request_logging.middleware`), and of `_PY_REQUEST_HOOK`
_PY_LOGGING_MIDDLEWARE_WORDS = (b"iddleware", b"TransLogger")
_PY_REQUEST_HOOK_WORDS = (b".after_request", b".middleware(")
_GUNICORN_CONFIG = re.compile(r"^gunicorn([._-]?conf(ig)?)?\.py$")
_GUNICORN_ACCESS = re.compile(rb"^[^\S\n]*(accesslog|logconfig|logconfig_dict|logconfig_json)\s*=\s*(?!None\b)\S", re.M)


def facts(ctx: FileContext) -> Iterator[Fact]:
    """`request_logger` (value: the package or mechanism) and `access_log` ("on" | "off")."""
    if ctx.tree is None or ctx.role.non_production:
        return
    if ctx.language == PYTHON:
        yield from _python(ctx)
    else:
        yield from _javascript(ctx)


def _javascript(ctx: FileContext) -> Iterator[Fact]:
    source = ctx.source
    for module in sorted(set(js_imports(ctx).values()) & JS_REQUEST_LOGGERS):
        yield ctx.fact("request_logger", None, module)
    if b"astify" in source:
        for m in _fastify_matches(_FASTIFY_OPTIONS, source):
            if m.group("arg") != b"{":
                yield ctx.fact("request_logger", ctx.span_of(m.start(), m.end()), "fastify-options")  # options built elsewhere
        for call, key in first_tail_in_block(source, _fastify_matches(_FASTIFY_CALL, source), b")", _LOGGER_KEY):
            yield ctx.fact("request_logger", ctx.span_of(call.start(), key.end()), "fastify-logger")
    for pattern, mechanism, words, first_span in _JS_MECHANISMS:
        gates = _GATES.get(pattern, ())
        if not all(_holds(source, gate) for gate in gates) or not _holds(source, words):
            continue
        span = first_span(source)
        if span is not None:
            yield ctx.fact("request_logger", ctx.span_of(*span), mechanism)


def _holds(source: bytes, words: tuple[bytes, ...]) -> bool:
    return any(word in source for word in words)


def _fastify_matches(pattern: re.Pattern[bytes], source: bytes) -> Iterator[re.Match[bytes]]:
    """`pattern.finditer(source)` for a pattern whose every match starts with `[Ff]astify`: tried
    only where the bytes hold `astify` (a regex scan tries every position of the file)."""
    end = 0
    at = source.find(b"astify", 1)
    while at >= 0:
        if at - 1 >= end:
            m = pattern.match(source, at - 1)
            if m is not None:
                yield m
                end = m.end()
        at = source.find(b"astify", at + 1)


def _python(ctx: FileContext) -> Iterator[Fact]:
    source = ctx.source
    modules = set(py_imports(ctx).values())
    for module in sorted(m for m in modules if m.startswith(PY_REQUEST_LOGGERS)):
        yield ctx.fact("request_logger", None, module.split(".")[0])
    middleware = b"iddleware" in source
    m = _PY_LOGGING_MIDDLEWARE.search(source) if middleware or b"TransLogger" in source else None  # the words
    if m:
        yield ctx.fact("request_logger", ctx.span_of(m.start(), m.end()), "logging-middleware")
    # `.middleware(` holds "iddleware": searched for only where that is
    hooked = b".after_request" in source or middleware and b".middleware(" in source
    hook = _PY_REQUEST_HOOK.search(source) if hooked else None
    if hook and first_pair_in_segments(source, b"request.", _PY_LOGGING_CALL, _PY_REQUEST_PART):
        yield ctx.fact("request_logger", ctx.span_of(hook.start(), hook.end()), "request-hook")
    if b"access_log" in source:
        run = next(first_tail_in_block(source, _UVICORN_RUN.finditer(source), b")", _ACCESS_LOG_OFF), None)
        if run is not None:
            yield ctx.fact("access_log", ctx.span_of(run[0].start(), run[1].end()), "off")
    if _GUNICORN_CONFIG.match(os.path.basename(ctx.path)):
        m = _GUNICORN_ACCESS.search(source)
        if m:
            yield ctx.fact("access_log", ctx.span_of(m.start(), m.end()), "on")
