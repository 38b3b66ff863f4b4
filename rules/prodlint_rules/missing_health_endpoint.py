"""
## What it does
Flags a server app (Express, Fastify, Koa, Hono, a Next.js app deployed as a server, Flask,
FastAPI, Django) when no file of its project serves a health route: `/health`, `/healthz`,
`/readyz`, `/livez`, `/ping`, `/status`, `/up` (also under a prefix, `/api/health`, through a
router, a blueprint or a Next.js route file), and no health-check library (`@godaddy/terminus`,
`lightship`, `express-healthcheck`, `fastify-healthcheck`, `@nestjs/terminus`, `django-health-check`)
is used. Node apps are judged only when they listen or the project ships a Dockerfile, Procfile
or compose file (a serverless handler needs no health route).

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
`mongoose.connection.readyState`, `redis.ping()`) and answers 503 naming the failing check. For
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
    JAVASCRIPT, JS_LIKE, PYTHON, TSX, TYPESCRIPT, Applicability, Fact, FileContext, Finding, Fix, ProjectContext,
    Rule, Scope, Severity, TextEdit, end_of_line_after, indent_unit, js_db_clients, js_server_objects,
    py_assignments, py_call_name, py_db_clients, py_imports, quote_style, statement_of, string_content,
    uses_semicolons,
)

RULE = Rule(
    code="HLT001",
    name="missing-health-endpoint",
    category="3",
    scope=Scope.PROJECT,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.WARNING,
    fix="add /healthz (shallow) and /readyz (checks the DB and cache clients) routes",
)

_HEALTH = r"health|healthz|healthcheck|health-check|health_check|_health|readyz|readiness|ready|livez|liveness|" \
          r"live|alive|ping|status|up|heartbeat"
HEALTH_PATH = re.compile(rf"^/?(.*/)?({_HEALTH})/?$", re.I)
QUERY = {lang: f'((string) @str (#match? @str "({_HEALTH})/?.$"))' for lang in (JAVASCRIPT, TYPESCRIPT, TSX, PYTHON)}
HEALTH_LIBRARIES = {"@godaddy/terminus", "lightship", "express-healthcheck", "fastify-healthcheck",
                    "@nestjs/terminus", "express-actuator", "health-checks", "@hapi/hapi-health", "hono-health"}
_LABELS = {"pg": "postgres", "mysql": "mysql", "prisma": "database", "mongoose": "mongodb", "mongodb": "mongodb",
           "redis": "redis", "knex": "database", "sequelize": "database", "sqlalchemy": "database",
           "flask_sqlalchemy": "database"}
CANDIDATE = "HLT001.app"
MENTION = "HLT001.mention"


def facts(ctx: FileContext) -> Iterator[Fact]:
    if ctx.tree is None or ctx.role.non_production:
        return
    for node in ctx.captures("str"):
        value = string_content(ctx, node)
        if HEALTH_PATH.match(value) and ("/" in value or ctx.language == PYTHON and value == "health_check"):
            yield ctx.fact(MENTION, node, value)
    if ctx.language in JS_LIKE:
        yield from _js_candidates(ctx)
    else:
        yield from _py_candidates(ctx)


def check_project(project: ProjectContext) -> Iterator[Finding]:
    if project.has(MENTION) or any(HEALTH_PATH.match(f.value) for f in project.facts("route")):
        return
    if any(f.value in HEALTH_LIBRARIES for f in project.facts("dependency") + project.facts("import")):
        return
    deployed = project.has("deploy_file")
    listens = project.has("listen")
    candidates = [c for c in project.facts(CANDIDATE) if c.get("language") == "python" or listens or deployed]
    if candidates:
        best = sorted(candidates, key=lambda c: (not c.get("listens"), c.path, c.span.start))[0]
        fix = best.get("fix")
        yield project.finding(best, f"{best.get('label')} has no health-check route (`/healthz`, `/readyz`): "
                                    f"orchestrators and load balancers cannot tell if it can serve",
                              [fix] if fix else [])
        return
    nxt = [f for f in project.facts("dependency") if f.value == "next"]
    if nxt and deployed and not listens:
        yield project.finding(nxt[0], "Next.js app has no health-check route (`app/api/healthz/route.ts`): "
                                      "orchestrators and load balancers cannot tell if it can serve",
                              [_next_fix(project)])


# ------------------------------------------------------------------ JavaScript / TypeScript

def _js_candidates(ctx: FileContext) -> Iterator[Fact]:
    objects = js_server_objects(ctx)
    listens = any(f"{name}.listen" in ctx.text for name in objects) or "serve(" in ctx.text
    for decl in _declarators(ctx):
        name = ctx.text_of(decl.child_by_field_name("name"))
        framework, kind = objects.get(name, ("", ""))
        if kind != "app" or framework not in ("express", "fastify", "koa", "hono", "nestjs"):
            continue
        label = {"nestjs": "NestJS app", "koa": "Koa app", "hono": "Hono app"}.get(framework, f"{framework.capitalize()} app")
        fix = None if framework == "nestjs" else _js_fix(ctx, decl, name, framework)
        yield ctx.fact(CANDIDATE, decl.child_by_field_name("value"), framework, label=label, listens=listens,
                       language="js", fix=fix)


def _declarators(ctx: FileContext):
    from prodlint.api import walk_types

    return [d for d in walk_types(ctx.tree.root_node, {"variable_declarator"}, ctx)
            if d.child_by_field_name("name") is not None and d.child_by_field_name("name").type == "identifier"]


def _js_fix(ctx: FileContext, decl, app: str, framework: str) -> Fix | None:
    statement = statement_of(decl)
    if statement.type not in ("lexical_declaration", "variable_declaration"):
        return None
    ind, u, nl = ctx.indent_at(statement.start_byte), indent_unit(ctx), ctx.newline
    q, semi = quote_style(ctx), (";" if uses_semicolons(ctx) else "")
    clients = js_db_clients(ctx)
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
        lines = [f"{app}.get({q}/healthz{q}, (_req, res) => {{",
                 f"{u}res.json({{ status: {q}ok{q}, uptime: process.uptime() }}){semi}", f"}}){semi}"]
        if clients:
            lines += [""] + _js_readyz(app, clients, u, q, semi, "async (_req, res) => {",
                                       f"res.json({{ status: {q}ready{q} }})",
                                       f"res.status(503).json({{ status: {q}unavailable{q}, check }})")
    body = nl.join((ind + line) if line else "" for line in lines)
    title = "Add /healthz and /readyz routes" if clients and framework in ("express", "fastify") else "Add a /healthz route"
    at = end_of_line_after(ctx, statement.end_byte)
    return ctx.fix(title, Applicability.UNSAFE, ctx.insert(at, nl + nl + body + _gap(ctx, at, 1)))


def _js_readyz(app, clients, u, q, semi, handler, ok, fail) -> list[str]:
    from prodlint.api import JS_DB_CLIENTS

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

def _py_candidates(ctx: FileContext) -> Iterator[Fact]:
    imports = py_imports(ctx)
    for name, value in py_assignments(ctx).items():
        call = py_call_name(ctx, value)
        cls = call.rpartition(".")[2]
        module = imports.get(call.split(".")[0], "")
        if cls not in ("Flask", "FastAPI", "Quart") or not module.startswith(("flask", "fastapi", "quart")):
            continue
        framework = "fastapi" if cls == "FastAPI" else "flask"
        label = "FastAPI app" if framework == "fastapi" else "Flask app"
        yield ctx.fact(CANDIDATE, value, framework, label=label, listens=True, language="python",
                       fix=_py_fix(ctx, value, name, framework))
    if os.path.basename(ctx.path) == "urls.py":
        value = py_assignments(ctx).get("urlpatterns")
        if value is not None and "admin.site.urls" in ctx.text:
            yield ctx.fact(CANDIDATE, value.parent, "django", label="Django project", listens=True,
                           language="python",
                           fix=ctx.fix("Add a `path(\"healthz\", ...)` view answering 200 (or django-health-check)",
                                       Applicability.DISPLAY))


def _py_fix(ctx: FileContext, value, app: str, framework: str) -> Fix | None:
    statement = value.parent.parent if value.parent is not None else None
    if statement is None or statement.type != "expression_statement":
        return None
    ind, u, nl = ctx.indent_at(statement.start_byte), indent_unit(ctx), ctx.newline
    q = quote_style(ctx)
    lines = [f"@{app}.get({q}/healthz{q})", "def healthz():", f"{u}return {{{q}status{q}: {q}ok{q}}}"]
    clients = [(k, n) for k, n in py_db_clients(ctx) if k in ("flask_sqlalchemy", "redis") or
               (k == "sqlalchemy" and "create_async_engine" not in ctx.text)]
    if clients and framework == "flask":
        lines += ["", "", f"@{app}.get({q}/readyz{q})", "def readyz():",
                  f"{u}check = {q}{_LABELS[clients[0][0]]}{q}", f"{u}try:"]
        for i, (kind, name) in enumerate(clients):
            if i:
                lines.append(f"{u}{u}check = {q}{_LABELS[kind]}{q}")
            if kind == "flask_sqlalchemy":
                lines.append(f"{u}{u}{name}.session.execute({name}.text({q}SELECT 1{q}))")
            elif kind == "sqlalchemy":
                lines += [f"{u}{u}with {name}.connect() as conn:", f"{u}{u}{u}conn.exec_driver_sql({q}SELECT 1{q})"]
            else:
                lines.append(f"{u}{u}{name}.ping()")
        lines += [f"{u}except Exception:", f"{u}{u}return {{{q}status{q}: {q}unavailable{q}, {q}check{q}: check}}, 503",
                  f"{u}return {{{q}status{q}: {q}ready{q}}}"]
    body = nl.join((ind + line) if line else "" for line in lines)
    title = "Add /healthz and /readyz routes" if clients and framework == "flask" else "Add a /healthz route"
    if statement.parent is not None and statement.parent.type == "module":
        main = next((c for c in statement.parent.named_children if c.type == "if_statement"
                     and "__name__" in ctx.text_of(c.child_by_field_name("condition"))), None)
        if main is not None:
            return ctx.fix(title, Applicability.UNSAFE, ctx.insert(main.start_byte, body + nl * 3))
        at = len(ctx.source.rstrip())
    else:
        at = end_of_line_after(ctx, statement.end_byte)
    return ctx.fix(title, Applicability.UNSAFE, ctx.insert(at, nl * 3 + body + _gap(ctx, at, 2)))


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
