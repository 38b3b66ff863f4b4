"""
## What it does
Flags a server app (Express, Fastify, Koa, Hono, a Next.js app deployed as a server, Flask,
FastAPI, Django) when no file of its project serves a health route: `/health`, `/healthz`,
`/readyz`, `/livez`, `/ping`, `/status`, `/up`, judged on the full path a route is served at
(router and blueprint mount prefixes joined, Next.js route files): `/api/v1/health` and
`/utils/health-check` count, while a common word counts only as the whole path after an API
prefix (`/api/status` counts, `/users/status` and `/users/health-insurance` do not), and no health-check library (`@godaddy/terminus`,
`lightship`, `express-healthcheck`, `fastify-healthcheck`, `@nestjs/terminus`, `django-health-check`)
is used. Node apps are judged only when they listen or the project ships a Dockerfile, Procfile
or compose file (a serverless handler needs no health route). An app a class holds
(`this.app = express()` in its constructor, routes on `this.app`) is judged as a module's `app`.

## Why is this bad?
Load balancers, Kubernetes, ECS, Fly.io, Render and Railway decide whether an instance gets
traffic by probing it. Without a health route they probe `/` (which may be slow, authenticated or
a redirect) or nothing at all: a process that has lost its database keeps receiving requests, and
a deploy is marked healthy before the app can serve.

## Example
```js
const app = express();
app.get("/api/orders", listOrders);
app.listen(3000);
```

Use instead:
```js
const app = express();

app.get("/healthz", (_req, res) => {
  res.json({ status: "ok", uptime: process.uptime() });
});

app.get("/readyz", async (_req, res) => {
  let check = "postgres";
  try {
    await pool.query("SELECT 1");
    res.json({ status: "ready" });
  } catch (err) {
    res.status(503).json({ status: "unavailable", check });
  }
});
```

## Fix safety
The fix adds `/healthz` (shallow: the process answers, with its uptime) right after the app is
created, before any authentication middleware, in the framework's own idiom; and `/readyz`, which
checks each database and cache client the file can see (`SELECT 1`, `prisma.$queryRaw`,
`mongoose.connection.readyState`, `redis.ping()`) and answers 503 naming the failing check; when
the file handles `SIGTERM`, `/readyz` also answers 503 once it arrives, through a `shuttingDown`
flag the handler sets first (HLT003). For
Next.js it creates `app/api/healthz/route.ts`. Django gets a suggestion only. It is unsafe: it
adds public routes.

## References
- [Kubernetes: liveness, readiness and startup probes](https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/)
- [Express: health checks and graceful shutdown](https://expressjs.com/en/advanced/healthcheck-graceful-shutdown.html)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from prodlint.api import (
    JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Applicability, Fact, FileContext, Finding, Fix, ProjectContext, Rule,
    Scope, Severity, TextEdit,
)
from prodlint.appmodel import js_db_clients, py_db_clients, py_imports
from prodlint.syntax import (
    end_of_line_after, indent_unit, py_assignments, py_call_name, quote_style, statement_of, uses_semicolons,
)
from prodlint.facts.health import STRONG, WEAK, is_health_path
from prodlint_rules._readiness import js_set_flag, js_sigterm_calls

RULE = Rule(
    code="HLT001",
    name="missing-health-endpoint",
    category="3",
    scope=Scope.PROJECT,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.WARNING,
    fix="add /healthz (shallow) and /readyz (checks the DB and cache clients) routes",
)

HEALTH_LIBRARIES = {"@godaddy/terminus", "lightship", "express-healthcheck", "fastify-healthcheck",
                    "@nestjs/terminus", "express-actuator", "health-checks", "@hapi/hapi-health", "hono-health"}
_LABELS = {"pg": "postgres", "mysql": "mysql", "prisma": "database", "mongoose": "mongodb", "mongodb": "mongodb",
           "redis": "redis", "knex": "database", "sequelize": "database", "sqlalchemy": "database",
           "flask_sqlalchemy": "database"}
JS_FRAMEWORKS = ("express", "fastify", "koa", "hono", "nestjs")
DJANGO_FIX = "Add a `path(\"healthz\", ...)` view answering 200 (or django-health-check)"


def check_project(project: ProjectContext) -> Iterator[Finding]:
    if not (project.has("app") or project.has("url_conf") or "next" in project.dependencies):
        return  # every finding is anchored on an app, a Django URL conf or the `next` dependency
    if project.has("health_mention") or _serves_health(project):
        return
    if any(f.value in HEALTH_LIBRARIES for f in project.facts("dependency") + project.facts("import")):
        return
    deployed = bool(project.deploy_files)
    listens = project.has("listen")
    candidates = [c for c in _candidates(project) if c[0] == "python" or listens or deployed]
    if candidates:
        language, fact, framework, label, listening = sorted(
            candidates, key=lambda c: (not c[4], c[1].path, c[1].span.start))[0]
        if framework == "django":
            fixes = [Fix(DJANGO_FIX, Applicability.DISPLAY, ())]
        elif framework == "nestjs":
            fixes = []
        else:
            fixes = [project.offer(_title(project, fact.path, framework), Applicability.UNSAFE)]
        yield project.finding(fact, f"{label} has no health-check route (`/healthz`, `/readyz`): "
                                    f"orchestrators and load balancers cannot tell if it can serve",
                              fixes, framework=framework, name=fact.get("name") or "")
        return
    nxt = [f for f in project.facts("dependency") if f.value == "next"]
    if nxt and deployed and not listens:
        yield project.finding(nxt[0], "Next.js app has no health-check route (`app/api/healthz/route.ts`): "
                                      "orchestrators and load balancers cannot tell if it can serve",
                              [_next_fix(project)])


def _candidates(project: ProjectContext) -> list[tuple[str, Fact, str, str, bool]]:
    """(language, anchor, framework, label, listens here) of every app that could serve a health route:
    JS apps and Flask/FastAPI apps outside serverless function files, and Django's main URL conf."""
    serverless = {project.relpath(f.path) for f in project.facts("serverless_function")}
    listening = {e.path for e in project.entry_points()}
    out = []
    for app in project.apps():
        if app.fact.span is None or project.relpath(app.path) in serverless:
            continue
        if app.python:
            if app.framework in ("flask", "fastapi"):  # Flask, Quart and FastAPI apps
                label = "FastAPI app" if app.framework == "fastapi" else "Flask app"
                out.append(("python", app.fact, app.framework, label, True))
        elif app.framework in JS_FRAMEWORKS:
            label = {"nestjs": "NestJS app", "koa": "Koa app", "hono": "Hono app"}.get(
                app.framework, f"{app.framework.capitalize()} app")
            out.append(("js", app.fact, app.framework, label, app.path in listening))
    out += [("python", f, "django", "Django project", True) for f in project.facts("url_conf")]
    return out


def _title(project: ProjectContext, path: str, framework: str) -> str:
    clients = [c for c in project.clients() if c.path == path]
    if framework in ("flask", "fastapi"):
        aio_engine = any(c.aio for c in clients if c.kind == "sqlalchemy")
        clients = [c for c in clients if c.kind in ("flask_sqlalchemy", "redis") or
                   (c.kind == "sqlalchemy" and (framework == "fastapi" or not aio_engine))]
        return "Add /healthz and /readyz routes" if clients else "Add a /healthz route"
    return "Add /healthz and /readyz routes" if clients and framework in ("express", "fastify") else "Add a /healthz route"


def fix(ctx: FileContext, finding: Finding) -> Fix | None:
    framework, name = finding.get("framework"), finding.get("name")
    value = ctx.node_at(finding.span)
    if value is None or not name:
        return None
    if ctx.language == PYTHON:
        return _py_fix(ctx, value, name, framework)
    decl = value.parent
    if decl is None or decl.type not in ("variable_declarator", "assignment_expression"):
        return None  # (`this.app = express()` in a class's constructor: the route goes after it)
    return _js_fix(ctx, decl, name, framework)


# ------------------------------------------------------------------ JavaScript / TypeScript

def _js_fix(ctx: FileContext, decl, app: str, framework: str) -> Fix | None:
    statement = statement_of(decl)
    if statement.type not in ("lexical_declaration", "variable_declaration") and not (
            decl.type == "assignment_expression" and statement.type == "expression_statement"):
        return None
    ind, u, nl = ctx.indent_at(statement.start_byte), indent_unit(ctx), ctx.newline
    q, semi = quote_style(ctx), (";" if uses_semicolons(ctx) else "")
    clients = js_db_clients(ctx)
    flag_edits: list[TextEdit] = []
    if framework == "koa":
        lines = [f"{app}.use(async (ctx, next) => {{",
                 f"{u}if (ctx.path !== {q}/healthz{q}) return next(){semi}",
                 f"{u}ctx.body = {{ status: {q}ok{q}, uptime: process.uptime() }}{semi}", f"}}){semi}"]
    elif framework == "hono":
        lines = [f"{app}.get({q}/healthz{q}, (c) => c.json({{ status: {q}ok{q} }})){semi}"]
    elif framework == "fastify":
        lines = [f"{app}.get({q}/healthz{q}, async () => ({{ status: {q}ok{q}, uptime: process.uptime() }})){semi}"]
        if clients:
            lines += [""] + _js_readyz(app, clients, u, q, semi, "async (_request, reply) => {",
                                       f"return {{ status: {q}ready{q} }}",
                                       f"return reply.code(503).send({{ status: {q}unavailable{q}, check }})")
    else:
        params = "_req, res"
        if ctx.language != JAVASCRIPT and re.search(r"""\brequire\(\s*['"]express['"]\s*\)""", ctx.text):
            # express bound by require() is `any` in TypeScript: nothing types the handler's parameters
            params = f"_req: import({q}express{q}).Request, res: import({q}express{q}).Response"
        lines = [f"{app}.get({q}/healthz{q}, ({params}) => {{",
                 f"{u}res.json({{ status: {q}ok{q}, uptime: process.uptime() }}){semi}", f"}}){semi}"]
        if clients:
            readyz = _js_readyz(app, clients, u, q, semi, f"async ({params}) => {{",
                                f"res.json({{ status: {q}ready{q} }})",
                                f"res.status(503).json({{ status: {q}unavailable{q}, check }})")
            flag = _shutdown_flag(ctx, u, q, semi)
            if flag is not None:
                guard, declaration, flag_edits = flag
                readyz.insert(1, guard)
                lines = declaration + lines
            lines += [""] + readyz
    body = nl.join((ind + line) if line else "" for line in lines)
    title = "Add /healthz and /readyz routes" if clients and framework in ("express", "fastify") else "Add a /healthz route"
    at = end_of_line_after(ctx, statement.end_byte)
    return ctx.fix(title, Applicability.UNSAFE, ctx.insert(at, nl + nl + body + _gap(ctx, at, 1)), *flag_edits)


def _shutdown_flag(ctx: FileContext, u: str, q: str, semi: str):
    """When this file handles SIGTERM, /readyz answers 503 once it arrives (HLT003): the guard line,
    the `shuttingDown` declaration (unless declared) and the edit setting it in the handler."""
    sigterm = js_sigterm_calls(ctx)
    if not sigterm:
        return None
    guard = f"{u}if (shuttingDown) return res.status(503).json({{ status: {q}shutting down{q} }}){semi}"
    declared = re.search(rb"\b(let|var)\s+shuttingDown\b", ctx.source) is not None
    declaration = [] if declared else [f"let shuttingDown = false{semi}", ""]
    already_set = re.search(rb"\bshuttingDown\s*=\s*true", ctx.source) is not None
    return guard, declaration, ([] if already_set else [js_set_flag(ctx, sigterm[0])])


def _js_readyz(app, clients, u, q, semi, handler, ok, fail) -> list[str]:
    from prodlint.appmodel import JS_DB_CLIENTS

    lines = [f"{app}.get({q}/readyz{q}, {handler}", f"{u}let check = {q}{_LABELS[clients[0][0]]}{q}{semi}", f"{u}try {{"]
    for i, (kind, name) in enumerate(clients):
        if i:
            lines.append(f"{u}{u}check = {q}{_LABELS[kind]}{q}{semi}")
        if kind == "mongoose":
            lines.append(f"{u}{u}if ({name}.connection.readyState !== 1) throw new Error({q}not connected{q}){semi}")
        else:
            lines.append(f"{u}{u}await {JS_DB_CLIENTS[kind][0].format(n=name)}{semi}")
    lines += [f"{u}{u}{ok}{semi}", f"{u}}} catch (err) {{", f"{u}{u}{fail}{semi}", f"{u}}}", f"}}){semi}"]
    return lines


# ------------------------------------------------------------------ Python

def _py_fix(ctx: FileContext, value, app: str, framework: str) -> Fix | None:
    statement = value.parent.parent if value.parent is not None else None
    if statement is None or statement.type != "expression_statement":
        return None
    ind, u, nl = ctx.indent_at(statement.start_byte), indent_unit(ctx), ctx.newline
    q = quote_style(ctx)
    lines = [f"@{app}.get({q}/healthz{q})", "def healthz():", f"{u}return {{{q}status{q}: {q}ok{q}}}"]
    clients = [(k, n) for k, n in py_db_clients(ctx) if k in ("flask_sqlalchemy", "redis") or
               (k == "sqlalchemy" and (framework == "fastapi" or "create_async_engine" not in ctx.text))]
    edits = []
    if clients:
        aio = {n: _py_async_client(ctx, k, n) for k, n in clients}
        is_async = framework == "fastapi" and any(aio.values())
        fail = f"return {{{q}status{q}: {q}unavailable{q}, {q}check{q}: check}}, 503"
        if framework == "fastapi":
            fail = f"return JSONResponse({{{q}status{q}: {q}unavailable{q}, {q}check{q}: check}}, status_code=503)"
            if "JSONResponse" not in py_imports(ctx):
                edits.append(_py_import_after_framework(ctx, "from fastapi.responses import JSONResponse"))
        lines += ["", "", f"@{app}.get({q}/readyz{q})", f"{'async ' if is_async else ''}def readyz():",
                  f"{u}check = {q}{_LABELS[clients[0][0]]}{q}", f"{u}try:"]
        for i, (kind, name) in enumerate(clients):
            if i:
                lines.append(f"{u}{u}check = {q}{_LABELS[kind]}{q}")
            wait = "await " if aio[name] else ""
            if kind == "flask_sqlalchemy":
                lines.append(f"{u}{u}{name}.session.execute({name}.text({q}SELECT 1{q}))")
            elif kind == "sqlalchemy":
                lines += [f"{u}{u}{'async ' if aio[name] else ''}with {name}.connect() as conn:",
                          f"{u}{u}{u}{wait}conn.exec_driver_sql({q}SELECT 1{q})"]
            else:
                lines.append(f"{u}{u}{wait}{name}.ping()")
        lines += [f"{u}except Exception:", f"{u}{u}{fail}", f"{u}return {{{q}status{q}: {q}ready{q}}}"]
    body = nl.join((ind + line) if line else "" for line in lines)
    title = "Add /healthz and /readyz routes" if clients else "Add a /healthz route"
    if statement.parent is not None and statement.parent.type == "module":
        main = next((c for c in statement.parent.named_children if c.type == "if_statement"
                     and "__name__" in ctx.text_of(c.child_by_field_name("condition"))), None)
        if main is not None:
            return ctx.fix(title, Applicability.UNSAFE, *edits, ctx.insert(main.start_byte, body + nl * 3))
        at = len(ctx.source.rstrip())
    else:
        at = end_of_line_after(ctx, statement.end_byte)
    return ctx.fix(title, Applicability.UNSAFE, *edits, ctx.insert(at, nl * 3 + body + _gap(ctx, at, 2)))


def _py_async_client(ctx: FileContext, kind: str, name: str) -> bool:
    """An asyncio client: `create_async_engine(...)`, a `redis.asyncio` client."""
    value = py_assignments(ctx).get(name)
    callee = py_call_name(ctx, value)
    if kind == "sqlalchemy":
        return callee.endswith("create_async_engine")
    return kind == "redis" and "asyncio" in py_imports(ctx).get(callee.split(".")[0], "") + callee


def _py_import_after_framework(ctx: FileContext, line: str) -> TextEdit:
    """`line` inserted after the file's `from fastapi import …` (or its last top-level import)."""
    imports = [c for c in ctx.tree.root_node.named_children if c.type in ("import_statement", "import_from_statement")]
    anchor = next((c for c in imports if ctx.text_of(c).startswith("from fastapi import")), imports[-1] if imports else None)
    if anchor is None:
        return ctx.insert(0, line + ctx.newline)
    return ctx.insert(anchor.end_byte, ctx.newline + line)


def _gap(ctx: FileContext, at: int, blank: int) -> str:
    """Newlines to add after text inserted at `at` so that `blank` blank lines follow it (none at
    the end of the file)."""
    rest = ctx.source[at:]
    if not rest.strip():
        return ctx.newline if not rest else ""
    have = rest[: len(rest) - len(rest.lstrip(b"\r\n"))].count(b"\n") - 1
    return ctx.newline * max(0, blank - max(have, 0))


# ------------------------------------------------------------------ Next.js

def _next_fix(project: ProjectContext) -> Fix:
    rels = [os.path.relpath(p, project.root).replace(os.sep, "/") for p in project.files]
    base = "src/app" if any(r.startswith("src/app/") for r in rels) or \
        (any(r.startswith("src/") for r in rels) and not any(r.startswith("app/") for r in rels)) else "app"
    ts = any(r.endswith((".ts", ".tsx")) for r in rels)
    path = os.path.join(project.root, base, "api", "healthz", "route.ts" if ts else "route.js")
    text = ('export const dynamic = "force-dynamic";\n\n'
            "export function GET() {\n"
            '  return Response.json({ status: "ok", uptime: process.uptime() });\n'
            "}\n")
    return Fix("Create app/api/healthz/route", Applicability.UNSAFE, (TextEdit(path, 0, 0, text),))


# ------------------------------------------------------------------ health paths through mount prefixes

# Every path `is_health_path` accepts holds one of its words (its last segment is one, or ends with
# a strong one): a project's other paths, most of thousands, skip the full judgement.
_HEALTH_WORD = re.compile("|".join(re.escape(w) for w in sorted(STRONG | WEAK)), re.I)


def _serves_health(project: ProjectContext) -> bool:
    paths = {path for route in project.routes() for path in route.full_paths}  # routes share paths
    return any(is_health_path(path) for path in paths if not path.isascii() or _HEALTH_WORD.search(path))
