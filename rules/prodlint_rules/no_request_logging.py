"""
## What it does
Flags an HTTP app whose requests are never logged. Node.js: an Express, Fastify, Koa, Hono or
Restify app that listens (or ships in a container) with no request logger anywhere in its
project — morgan, pino-http, express-winston, koa-logger, hono's `logger()`,
`Fastify({ logger: true })`, a `res.on("finish")` middleware, an `app.use(requestLogger)`.
Python: a Flask, FastAPI, Starlette or Django app whose deployment starts it under a server that
keeps no access log — gunicorn without `--access-logfile` (or a config file setting
`accesslog`), waitress, hypercorn without `--access-logfile`, granian without `--access-log`,
uvicorn with `--no-access-log` or `access_log=False` — and no logging middleware
(`*LoggingMiddleware`, an `after_request`/`@app.middleware("http")` hook that logs the request,
paste's TransLogger, django-structlog).

Never flagged: NestJS apps (their interceptors and middleware log in too many shapes to see),
serverless handlers and Next.js (the platform logs each invocation), Heroku-style apps with a
Procfile (the router logs every request), uvicorn, uWSGI and Daphne with their default access
log, and Python apps with no deployment file (the development servers log requests).

## Why is this bad?
Without a line per request there is no record of what the app was asked, what it answered and
how long it took: a spike of 500s, a slow endpoint or an abusive client is invisible until a
user reports it, and an error in the logs cannot be tied to the request that caused it.

## Example
```js
const app = express();
app.use(express.json());
```

Use instead:
```js
const app = express();
app.use(pinoHttp());
app.use(express.json());
```

## Fix safety
Express and Restify get `app.use(pinoHttp())` right after the app is created (passing the file's
pino logger when it has one), Koa an adapter middleware around pino-http, with `pino-http`
added to package.json in the same edit; Fastify gets `logger: true` in its options; Hono gets
its built-in `logger()` middleware. Python gets a suggestion (`--access-logfile -`). It is unsafe:
it adds a line of output per request.

## References
- [pino-http](https://github.com/pinojs/pino-http)
- [Fastify: logging](https://fastify.dev/docs/latest/Reference/Logging/)
- [Gunicorn: accesslog](https://docs.gunicorn.org/en/stable/settings.html#accesslog)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from prodlint.api import (
    JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Applicability, FileContext, Finding, Fix, ProjectContext, Rule, Scope,
    Severity, TextEdit,
)
from prodlint.appmodel import js_imports, js_logger
from prodlint.facts.declared_apps import DECLARATIONS, fastify_call
from prodlint.syntax import end_of_line_after, indent_unit, quote_style, statement_of, uses_semicolons
from prodlint_rules._fix_edits import dependency_edit, js_import_edit

RULE = Rule(
    code="LOG002",
    name="no-request-logging",
    category="4",
    scope=Scope.PROJECT,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.INFO,
    fix="add pino-http (and the dependency to package.json) right after the app is created",
)

PINO_HTTP_VERSION = "^10.4.0"
PINO_HTTP_TITLE = "Log every request with pino-http"
_TITLES = {"hono": "Log every request with hono's logger()",
           "fastify": "Turn on Fastify's request logging (logger: true)"}
JS_FRAMEWORKS = {"express": "Express", "fastify": "Fastify", "koa": "Koa", "hono": "Hono", "restify": "Restify"}
PY_FRAMEWORKS = {"flask": "Flask", "fastapi": "FastAPI", "starlette": "Starlette", "django": "Django"}
_REQUEST_LOGGER_DEPENDENCIES = {
    "morgan", "pino-http", "express-pino-logger", "express-winston", "koa-logger", "koa-pino-logger", "koa-morgan",
    "hono-pino", "express-bunyan-logger", "express-requests-logger", "morgan-body", "nestjs-pino", "@hono/pino",
    "koa-bunyan-logger", "restify-logger", "@tinyhttp/logger",
}
_FLAG = {  # server -> (flag turning the access log on, flag turning it off); None: no such flag
    "gunicorn": (r"--access-logfile|--access-log-format|--log-config|(^|\s)-c\s|--config|GUNICORN_CMD_ARGS", None),
    "hypercorn": (r"--access-logfile|--access-log-format|--log-config|(^|\s)-c\s|--config", None),
    "granian": (r"--access-log\b", None),
    "waitress-serve": (r"TransLogger", None),
    "uvicorn": (None, r"--no-access-log"),
}


def check_project(project: ProjectContext) -> Iterator[Finding]:
    if any(f.value in _REQUEST_LOGGER_DEPENDENCIES for f in project.facts("dependency")):
        return
    logged = project.facts("request_logger")
    deploy = project.deploy_files
    if any(d.kind == "procfile" for d in deploy):
        return  # Heroku's router (and Procfile platforms like it) logs every request
    js_logged = any(not f.path.endswith(".py") for f in logged)
    if not js_logged:
        yield from _js_findings(project, deploy)
    if not any(f.path.endswith(".py") for f in logged):
        yield from _py_findings(project, deploy)


# ------------------------------------------------------------------ JavaScript / TypeScript

def _js_findings(project: ProjectContext, deploy) -> Iterator[Finding]:
    listens = [e for e in project.entry_points() if not e.path.endswith(".py")]
    if not listens and not deploy:
        return  # a serverless handler: the platform logs each invocation
    candidates = project.facts("declared_app")
    if not candidates:
        return
    started = {(e.app.path, e.app.name) for e in listens if e.app is not None}
    best = sorted(candidates, key=lambda c: ((c.path, c.get("name")) not in started, c.path, c.span.start))[0]
    label = f"{JS_FRAMEWORKS[best.value]} app"
    offers, dep = [], None
    if best.get("fixable"):
        offers = [project.offer(_TITLES.get(best.value, PINO_HTTP_TITLE), Applicability.UNSAFE)]
        if best.value in ("express", "koa", "restify") and "pino-http" not in project.dependencies:
            dep = dependency_edit(project, "pino-http", PINO_HTTP_VERSION)
            offers = offers if dep is not None else []
    dep_data = {"dep_path": dep.path, "dep_offset": dep.start, "dep_text": dep.text} if dep is not None else {}
    yield project.finding(best, f"{label} has no request logging: no record of which requests came in, how they "
                                f"ended or how long they took", offers, framework=best.value, name=best.get("name"),
                          **dep_data)


def fix(ctx: FileContext, finding: Finding) -> Fix | None:
    """Request logging added to the app the finding is anchored on (with pino-http's dependency
    when the check found package.json without it)."""
    value = ctx.node_at(finding.span)
    decl = value.parent if value is not None else None
    if decl is None or decl.type != "variable_declarator" or ctx.text_of(decl.child_by_field_name("name")) != \
            finding.get("name"):
        return None
    made = _js_fix(ctx, decl, value, finding.get("name"), finding.get("framework"))
    if made is None or not finding.get("dep_path"):
        return made
    dep = TextEdit(finding.get("dep_path"), finding.get("dep_offset"), finding.get("dep_offset"), finding.get("dep_text"))
    return replace(made, edits=made.edits + (dep,))


def _js_fix(ctx: FileContext, decl, value, app: str, framework: str) -> Fix | None:
    if framework == "fastify":
        return _fastify_fix(ctx, value)
    statement = statement_of(decl)
    if statement.type not in DECLARATIONS:
        return None
    ind, u, nl = ctx.indent_at(statement.start_byte), indent_unit(ctx), ctx.newline
    q, semi = quote_style(ctx), (";" if uses_semicolons(ctx) else "")
    names = set(js_imports(ctx))
    edits = []
    if framework == "hono":
        fn = "logger" if "logger" not in names and js_logger(ctx) != "logger" else "requestLogger"
        spec = "logger" if fn == "logger" else "logger as requestLogger"
        if js_imports(ctx).get(fn) != "hono/logger":
            edits.append(js_import_edit(ctx, f"import {{ {spec} }} from {q}hono/logger{q}{semi}"))
        lines = [f"{app}.use({fn}()){semi}"]
        title = _TITLES["hono"]
    else:
        if "pinoHttp" not in names:
            esm = ctx.language != JAVASCRIPT or any(c.type in ("import_statement", "export_statement")
                                                   for c in ctx.tree.root_node.named_children)
            line = f"import {{ pinoHttp }} from {q}pino-http{q}{semi}" if esm else \
                f"const pinoHttp = require({q}pino-http{q}){semi}"
            edits.append(js_import_edit(ctx, line))
        logger = js_logger(ctx)
        options = "" if not (logger and _is_pino(ctx, logger)) else \
            "{ logger }" if logger == "logger" else f"{{ logger: {logger} }}"
        if framework == "koa":
            lines = [f"const httpLogger = pinoHttp({options}){semi}",
                     f"{app}.use((ctx, next) => {{", f"{u}httpLogger(ctx.req, ctx.res){semi}", f"{u}return next(){semi}",
                     f"}}){semi}"]
        else:
            lines = [f"{app}.use(pinoHttp({options})){semi}"]
        title = PINO_HTTP_TITLE
    body = nl.join(ind + line for line in lines)
    edits.append(ctx.insert(end_of_line_after(ctx, statement.end_byte), nl + body))
    return ctx.fix(title, Applicability.UNSAFE, *edits)


def _is_pino(ctx: FileContext, logger: str) -> bool:
    module = js_imports(ctx).get(logger, "")
    return module == "pino" or bool(re.search(rf"\b{re.escape(logger)}\s*=\s*(pino|Pino)\s*\(", ctx.text))


def _fastify_fix(ctx: FileContext, call) -> Fix | None:
    """`Fastify()` -> `Fastify({ logger: true })`; `Fastify({ trustProxy: true })` -> `{ logger: true, trustProxy: true }`."""
    call = fastify_call(call)
    args = call.child_by_field_name("arguments") if call.type in ("call_expression", "new_expression") else None
    if args is None:
        return None
    named = [a for a in args.named_children if a.type != "comment"]
    if not named:
        edit = ctx.replace(args, "({ logger: true })")
    elif named[0].type == "object":
        opening = named[0].children[0]
        inner = [c for c in named[0].named_children if c.type != "comment"]
        edit = ctx.insert(opening.end_byte, " logger: true," if inner else " logger: true ")
        if inner and ctx.source[opening.end_byte:opening.end_byte + 1] in (b"\n", b"\r"):
            ind = ctx.indent_at(inner[0].start_byte)
            edit = ctx.insert(opening.end_byte, f"{ctx.newline}{ind}logger: true,")
    else:
        return None
    return ctx.fix(_TITLES["fastify"], Applicability.UNSAFE, edit)


# ------------------------------------------------------------------ Python

def _py_findings(project: ProjectContext, deploy) -> Iterator[Finding]:
    if any(f.value == "on" for f in project.facts("access_log")):
        return
    apps = [a for a in project.apps() if a.python and a.framework in PY_FRAMEWORKS]
    if not apps or not deploy:
        return
    starts = [(d, command, server) for d in deploy for command in d.commands
              for server in [_python_server(command)] if server]
    if not starts:
        return
    quiet = [(d, command, server) for d, command, server in starts if not _access_logged(project, command, server)]
    if len(quiet) != len(starts):
        return  # one of the ways it is started logs requests
    _, command, server = quiet[0]
    app = sorted(apps, key=lambda a: (a.framework == "django", a.path, a.fact.span.start))[0]
    hint = {"gunicorn": "add `--access-logfile -` to the gunicorn command",
            "hypercorn": "add `--access-logfile -` to the hypercorn command",
            "granian": "add `--access-log` to the granian command",
            "uvicorn": "drop `--no-access-log`",
            "waitress-serve": "wrap the app in paste's TransLogger, or log in a middleware"}[server]
    yield project.finding(app.fact, f"{PY_FRAMEWORKS[app.framework]} app is served by {server} with no access log "
                                    f"and no logging middleware: requests leave no trace",
                          [Fix(f"Log requests: {hint}", Applicability.DISPLAY, ())])


def _python_server(command: str) -> str | None:
    for server in _FLAG:
        if re.search(rf"(?<![\w.-]){re.escape(server)}(?![\w-])", command):
            return server
    return None


def _access_logged(project: ProjectContext, command: str, server: str) -> bool:
    on, off = _FLAG[server]
    if server == "uvicorn":
        return not re.search(off, command) and not any(f.value == "off" for f in project.facts("access_log"))
    if server in ("gunicorn", "hypercorn") and any(p.endswith(("gunicorn.conf.py", "gunicorn_conf.py",
                                                               "gunicorn.config.py", "gunicorn_config.py",
                                                               "hypercorn.toml")) for p in project.files):
        return True  # a config file may set it (one that does emits access_log "on")
    return bool(on and re.search(on, command))
