"""
## What it does
Flags an HTTP API — an Express, Fastify, Koa, Hono or NestJS app, or a Flask, FastAPI or Django
project, serving routes that change data or live under `/api` — when no file of its project
applies a rate limiter and the project depends on no rate-limiting package: express-rate-limit,
express-slow-down, rate-limiter-flexible, @fastify/rate-limit, hono-rate-limiter, koa-ratelimit,
Upstash `@upstash/ratelimit`, Arcjet, `@nestjs/throttler`, Flask-Limiter, slowapi,
fastapi-limiter, DRF throttle classes, django-ratelimit. A limiter in a Next.js `middleware.ts`
counts. Authentication is not a rate limit. Limits set outside the code (an API gateway, a
CDN's WAF) are invisible here: disable the rule for such projects.

## Why is this bad?
Without any limit one client can send as many requests as the server accepts: a scraper or a
retry loop takes the API down for everyone, a credential-stuffing run goes unnoticed, and every
expensive endpoint (search, exports, model calls) can be hammered until the database or the bill
gives out. A generous global limit per client costs real users nothing and turns these into
429s.

## Example
```js
const app = express();
app.use(express.json());
app.use("/api", apiRouter);
```

Use instead:
```js
const { rateLimit } = require("express-rate-limit");

const app = express();

const apiLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: 100,
  standardHeaders: "draft-7",
  legacyHeaders: false,
  message: { error: "Too many requests, please try again later." },
});
app.use(apiLimiter);

app.use(express.json());
app.use("/api", apiRouter);
```

## Fix safety
Express: the fix adds a global express-rate-limit limiter (100 requests per client IP per 15
minutes) right after the app is created, before any route, with the import (`import` or
`require`, as the file does) and `express-rate-limit` in package.json's dependencies, in one
edit. Flask: Flask-Limiter with default limits (`200 per day`, `50 per hour`), initialised on the
app; FastAPI: slowapi's `Limiter` with a default limit, its 429 handler and `SlowAPIMiddleware`;
both add the package to `requirements.txt` (or pyproject.toml's `dependencies`). Fastify, Koa,
Hono, NestJS and Django get no fix. It is unsafe: clients over the limit get 429 responses, and
behind a proxy the app must trust it (`app.set("trust proxy", 1)`, `ProxyFix`) or all clients
share the proxy's IP.

## References
- [OWASP API Security Top 10: API4:2023 Unrestricted Resource Consumption](https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/)
- [express-rate-limit](https://express-rate-limit.mintlify.app/overview)
- [Flask-Limiter](https://flask-limiter.readthedocs.io/en/stable/)
- [slowapi](https://slowapi.readthedocs.io/en/latest/)
"""

from __future__ import annotations

from collections.abc import Iterator

from prodlint.api import (
    JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Applicability, FileContext, Finding, Fix, ProjectContext, Rule, Scope,
    Severity, TextEdit,
)
from prodlint.appmodel import py_imports
from prodlint.syntax import end_of_line_after, indent_unit, quote_style, statement_of, uses_semicolons
from prodlint_rules._rate_limits import (
    EXPRESS_RATE_LIMIT, FLASK_LIMITER_REQUIREMENT, SERVER_FRAMEWORKS, SLOWAPI_REQUIREMENT,
    dependency_data, dependency_edit, express_dependency, is_esm, py_imports_end, python_dependency_edit,
    rate_limit_binding, rate_model, top_level_insert_offset, under,
)

RULE = Rule(
    code="RATE001",
    name="missing-rate-limit",
    category="6",
    scope=Scope.PROJECT,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.WARNING,
    fix="add a global API limiter (express-rate-limit, Flask-Limiter or slowapi) and its dependency",
)

_LABELS = {"express": "Express app", "fastify": "Fastify app", "koa": "Koa app", "hono": "Hono app",
           "nestjs": "NestJS app", "flask": "Flask app", "fastapi": "FastAPI app", "django": "Django project",
           "starlette": "Starlette app"}
FIX_TITLES = {"express": "Add a global rate limiter (express-rate-limit, 100 requests per 15 minutes)",
              "flask": "Add Flask-Limiter with default limits (200 per day, 50 per hour)",
              "fastapi": "Add slowapi with a default limit (100 per minute)"}


def check_project(project: ProjectContext) -> Iterator[Finding]:
    apps = [a for a in project.apps() if a.framework in SERVER_FRAMEWORKS and a.fact.span is not None]
    if not apps:
        return  # asked first: whether a limiter is anywhere reads every import of the project
    model = rate_model(project)
    if model.has_limiter:
        return
    if not any(_api_route(r) for r in model.routes) and not any(a.framework == "nestjs" for a in apps) \
            and not _django_api(project):
        return
    started = {id(e.app) for e in project.entry_points() if e.app is not None}
    mounting = {f.path for f in project.facts("mount")}  # a Django root URL conf includes the others
    app = sorted(apps, key=lambda a: (a.framework not in FIX_TITLES, id(a) not in started, a.path not in mounting,
                                      a.path, a.fact.span.start))[0]
    fixes, data = [], {"framework": app.framework, "name": app.name}
    if app.framework == "express":
        dependency = express_dependency(project)
        if dependency is not None:
            fixes = [project.offer(FIX_TITLES["express"], Applicability.UNSAFE)]
            data.update(dependency_data(dependency))
    elif app.framework in ("flask", "fastapi"):
        fixes = [project.offer(FIX_TITLES[app.framework], Applicability.UNSAFE)]
    label = _LABELS.get(app.framework, "Server app")
    yield project.finding(app.fact, f"{label} serves an API with no rate limiting anywhere in the project: one "
                                    f"client can send unlimited requests", fixes, **data)


def _api_route(route) -> bool:
    """A route that changes data or serves an API: POST/PUT/PATCH/DELETE, several methods of a Flask
    or FastAPI view, or a path under /api (not `app.all("/favicon.ico")`, not a Django page view)."""
    if route.method in ("POST", "PUT", "PATCH", "DELETE"):
        return True
    if route.method == "ALL" and route.framework in ("flask", "fastapi"):
        return True
    return any(under(p, "/api") for p in route.full_paths)


def _django_api(project: ProjectContext) -> bool:
    """A Django project serving an API framework (Django REST framework, Django Ninja)."""
    return any(f.value.startswith(("rest_framework", "ninja")) for f in project.facts("import"))


def fix(ctx: FileContext, finding: Finding) -> Fix | None:
    framework = finding.get("framework")
    if framework == "express":
        return _express_fix(ctx, finding)
    if framework == "flask":
        return _flask_fix(ctx, finding)
    if framework == "fastapi":
        return _fastapi_fix(ctx, finding)
    return None


def _creation_statement(ctx: FileContext, finding: Finding):
    node = ctx.tree.root_node.descendant_for_byte_range(finding.span.start, finding.span.end) if ctx.tree else None
    if node is None:
        return None
    statement = statement_of(node)
    if statement.type not in ("lexical_declaration", "variable_declaration", "expression_statement"):
        return None
    return statement


def _express_fix(ctx: FileContext, finding: Finding) -> Fix | None:
    statement = _creation_statement(ctx, finding)
    app = finding.get("name")
    if statement is None or not app:
        return None
    q, semi, u, nl = quote_style(ctx), (";" if uses_semicolons(ctx) else ""), indent_unit(ctx), ctx.newline
    ind = ctx.indent_at(statement.start_byte)
    binding = rate_limit_binding(ctx) or "rateLimit"
    edits: list[TextEdit] = []
    at = end_of_line_after(ctx, statement.end_byte)
    lines = []
    if rate_limit_binding(ctx) is None:
        if is_esm(ctx):
            where = top_level_insert_offset(ctx)
            edits.append(ctx.insert(where, f"import {{ rateLimit }} from {q}{EXPRESS_RATE_LIMIT}{q}{semi}{nl}"
                                    if where else f"import {{ rateLimit }} from {q}{EXPRESS_RATE_LIMIT}{q}{semi}{nl}{nl}"))
        else:
            where = top_level_insert_offset(ctx)
            require = f"const {{ rateLimit }} = require({q}{EXPRESS_RATE_LIMIT}{q}){semi}"
            top = statement
            while top.parent is not None and top.parent.type != "program":
                top = top.parent
            if 0 < where <= top.start_byte:
                edits.append(ctx.insert(where, require + nl))
            else:
                lines.append(require)
    lines += [f"const apiLimiter = {binding}({{", f"{u}windowMs: 15 * 60 * 1000,", f"{u}limit: 100,",
              f"{u}standardHeaders: {q}draft-7{q},", f"{u}legacyHeaders: false,",
              f"{u}message: {{ error: {q}Too many requests, please try again later.{q} }},", f"}}){semi}",
              f"{app}.use(apiLimiter){semi}"]
    body = nl.join(ind + line for line in lines)
    rest = ctx.source[at:at + 2 * len(nl)]
    tail = "" if rest.startswith((nl + nl).encode()) or not rest.strip(b"\r\n") and at >= len(ctx.source) - 2 else nl
    edits.append(ctx.insert(at, nl + nl + body + tail))
    dep = dependency_edit(finding)
    if dep is not None:
        edits.append(dep)
    return ctx.fix(FIX_TITLES["express"], Applicability.UNSAFE, *edits)


def _py_statement(ctx: FileContext, finding: Finding):
    node = ctx.tree.root_node.descendant_for_byte_range(finding.span.start, finding.span.end) if ctx.tree else None
    while node is not None and node.type != "expression_statement":
        node = node.parent
    return node


def _flask_fix(ctx: FileContext, finding: Finding) -> Fix | None:
    statement = _py_statement(ctx, finding)
    app = finding.get("name")
    if statement is None or not app or "Limiter" in py_imports(ctx):
        return None
    q, nl = quote_style(ctx), ctx.newline
    ind = ctx.indent_at(statement.start_byte)
    imports = (f"from flask_limiter import Limiter{nl}from flask_limiter.util import get_remote_address{nl}")
    at = end_of_line_after(ctx, statement.end_byte)
    body = (f"{nl}{ind}limiter = Limiter({nl}{ind}    get_remote_address,{nl}{ind}    app={app},{nl}"
            f"{ind}    default_limits=[{q}200 per day{q}, {q}50 per hour{q}],{nl}{ind})")
    dep = python_dependency_edit(ctx, FLASK_LIMITER_REQUIREMENT, "flask-limiter")
    if dep is None:
        return None
    return ctx.fix(FIX_TITLES["flask"], Applicability.UNSAFE, ctx.insert(py_imports_end(ctx), imports),
                   ctx.insert(at, _after_newline(ctx, at) + body), *dep)


def _fastapi_fix(ctx: FileContext, finding: Finding) -> Fix | None:
    statement = _py_statement(ctx, finding)
    app = finding.get("name")
    if statement is None or not app or "Limiter" in py_imports(ctx):
        return None
    q, nl = quote_style(ctx), ctx.newline
    ind = ctx.indent_at(statement.start_byte)
    imports = (f"from slowapi import Limiter, _rate_limit_exceeded_handler{nl}"
               f"from slowapi.errors import RateLimitExceeded{nl}"
               f"from slowapi.middleware import SlowAPIMiddleware{nl}"
               f"from slowapi.util import get_remote_address{nl}")
    at = end_of_line_after(ctx, statement.end_byte)
    body = (f"{nl}{ind}limiter = Limiter(key_func=get_remote_address, default_limits=[{q}100/minute{q}]){nl}"
            f"{ind}{app}.state.limiter = limiter{nl}"
            f"{ind}{app}.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler){nl}"
            f"{ind}{app}.add_middleware(SlowAPIMiddleware)")
    dep = python_dependency_edit(ctx, SLOWAPI_REQUIREMENT, "slowapi")
    if dep is None:
        return None
    return ctx.fix(FIX_TITLES["fastapi"], Applicability.UNSAFE, ctx.insert(py_imports_end(ctx), imports),
                   ctx.insert(at, _after_newline(ctx, at) + body), *dep)


def _after_newline(ctx: FileContext, at: int) -> str:
    """A line break to end the statement's line when the insertion point is at its end."""
    return ctx.newline if ctx.source[at:at + 1] in (b"\n", b"\r", b"") else ""
