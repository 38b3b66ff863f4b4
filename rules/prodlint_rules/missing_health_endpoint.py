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
    JAVASCRIPT, JS_LIKE, PYTHON, TSX, TYPESCRIPT, Applicability, Fact, FileContext, Finding, Fix, ProjectContext,
    Rule, Scope, Severity, TextEdit, end_of_line_after, indent_unit, js_db_clients, js_server_objects,
    py_assignments, py_call_name, py_db_clients, py_imports, quote_style, statement_of, string_content,
    uses_semicolons,
)
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

_HEALTH = r"health|healthz|healthcheck|health-check|health_check|_health|readyz|readiness|ready|livez|liveness|" \
          r"live|alive|ping|status|up|heartbeat"
#: segments that only name a health route: a path counts when its last such segment is one of them
STRONG = {"health", "healthz", "healthcheck", "health-check", "health_check", "_health", "readyz", "livez",
          "readiness", "liveness", "heartbeat", "_ping", "__health", "health.json"}
#: common words that name a health route only as the whole path (after an API prefix): `/status`
#: and `/api/ping` are health routes, `/orders/:id/status` is not
WEAK = {"status", "ping", "up", "ready", "live", "alive"}
#: segments of an API mount point before the health route (`/api/v1/health`, `/internal/ping`)
API_PREFIX = re.compile(r"^(api|v\d+(\.\d+)?|internal|system|sys|ops|monitoring|monitor|management|manage|actuator|"
                        r"admin|_|meta|probes?|public|service|services|infra|__)$", re.I)
#: what may follow a health segment (`/health/live`, `/healthz/db`)
HEALTH_SUFFIX = re.compile(r"^(live|liveness|ready|readiness|startup|started|db|database|deep|shallow|details?|"
                           r"all|full|check|checks|redis|cache|ping|status)$", re.I)
QUERY = {lang: f'((string) @str (#match? @str "({_HEALTH})/?.$"))' for lang in (JAVASCRIPT, TYPESCRIPT, TSX, PYTHON)}
HEALTH_LIBRARIES = {"@godaddy/terminus", "lightship", "express-healthcheck", "fastify-healthcheck",
                    "@nestjs/terminus", "express-actuator", "health-checks", "@hapi/hapi-health", "hono-health"}
_LABELS = {"pg": "postgres", "mysql": "mysql", "prisma": "database", "mongoose": "mongodb", "mongodb": "mongodb",
           "redis": "redis", "knex": "database", "sequelize": "database", "sqlalchemy": "database",
           "flask_sqlalchemy": "database"}
ROUTE_CALLS = {"get", "post", "put", "patch", "delete", "del", "all", "head", "options", "route", "api_route",
               "add_url_rule", "add_api_route", "path", "re_path", "url"}
CANDIDATE = "HLT001.app"
MENTION = "HLT001.mention"


def facts(ctx: FileContext) -> Iterator[Fact]:
    if ctx.tree is None or ctx.role.non_production:
        return
    for node in ctx.captures("str"):
        value = string_content(ctx, node)
        if _route_path_argument(ctx, node):
            continue  # a route's own path: the `route` fact, joined with its mount prefixes, decides
        if is_health_path(value) and ("/" in value or ctx.language == PYTHON and value == "health_check"):
            yield ctx.fact(MENTION, node, value)
    if _serverless_function(ctx):
        return  # the platform starts it per request: no long-running server to probe
    if ctx.language in JS_LIKE:
        yield from _js_candidates(ctx)
    else:
        yield from _py_candidates(ctx)


_SERVERLESS_PATH = re.compile(r"^(api|netlify/functions|functions|lambda|lambdas)/|(^|/)netlify/functions/")
_SERVERLESS_HANDLER = re.compile(
    rb"\bexports\.handler\s*=|module\.exports\.handler\s*=|export\s+(const|let|async\s+function|function)\s+handler\b|"
    rb"export\s*\{[^}]*\bhandler\b[^}]*\}|\bserverless(Express|Http)?\(\s*app\b|@vendia/serverless-express|"
    rb"serverless-http|\bMangum\(|serverless_wsgi|\bdef\s+(lambda_)?handler\(\s*event\s*,\s*context\b")


def _serverless_function(ctx: FileContext) -> bool:
    """A serverless function file: Vercel `api/`, Netlify functions, an AWS Lambda handler
    (`exports.handler`, `serverless-http`, Mangum, `def handler(event, context)`), that does not
    start a server itself."""
    # every _SERVERLESS_HANDLER alternative holds one of these words: most files skip the regex
    handler = any(word in ctx.source for word in (b"handler", b"serverless", b"Mangum")) \
        and _SERVERLESS_HANDLER.search(ctx.source) is not None
    if re.search(rb"\.listen\(|\.run\(|uvicorn\.run|serve\(", ctx.source) and not handler:
        return False
    return bool(_SERVERLESS_PATH.search(ctx.relpath)) or handler


def check_project(project: ProjectContext) -> Iterator[Finding]:
    if project.has(MENTION) or _serves_health(project):
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
        lines = [f"{app}.get({q}/healthz{q}, (_req, res) => {{",
                 f"{u}res.json({{ status: {q}ok{q}, uptime: process.uptime() }}){semi}", f"}}){semi}"]
        if clients:
            readyz = _js_readyz(app, clients, u, q, semi, "async (_req, res) => {",
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

def is_health_path(path: str) -> bool:
    """Whether a full URL path is a health route: `/healthz`, `/api/v1/utils/health-check/`,
    `/health/ready`, `/status`, `/api/ping` — not `/users/health-insurance` or `/orders/:id/status`
    (a common word like `status` or `ping` counts only as the whole path after an API prefix)."""
    segments = [s for s in re.split(r"/+", path.strip().strip("^$").rstrip("?")) if s]
    while segments and API_PREFIX.match(segments[0]):
        segments = segments[1:]
    if not segments:
        return False
    while len(segments) > 1 and HEALTH_SUFFIX.match(segments[-1]) and _strong(segments[-2]) | (segments[-2].lower() in WEAK):
        segments = segments[:-1]
    last = segments[-1].lower()
    return _strong(last) or (last in WEAK and len(segments) == 1)


def _strong(segment: str) -> bool:
    """A segment naming a health route under any prefix: `healthz`, `health-check`,
    `flask-health-check` (ends with one) — not `health-insurance`."""
    segment = segment.lower()
    return segment in STRONG or any(segment.endswith(("-" + w, "_" + w, "." + w)) for w in STRONG)


def _serves_health(project: ProjectContext) -> bool:
    prefixes = _Prefixes(project)
    for route in project.facts("route"):
        for prefix in prefixes.of(route.path, route.get("object") or ""):
            if is_health_path(_join(prefix, route.get("prefix") or "", route.value)):
                return True
    return False


def _join(*parts: str) -> str:
    return "/" + "/".join(p.strip("/") for p in parts if p.strip("/"))


class _Prefixes:
    """The mount prefixes routes registered on `object` in a file are served under: mounts of that
    object in its own file (`app.use("/api", router)`) and mounts of the file's router elsewhere
    (`app.use("/api", require("./routes/system"))`, `include_router(items.router, prefix=…)`,
    `register_blueprint(bp, url_prefix=…)`, Django `path("api/", include("ops.urls"))`), joined
    through nested routers. An unmounted router keeps its own paths (it may be mounted in a way
    prodlint cannot see)."""

    def __init__(self, project: ProjectContext):
        self.project = project
        self.mounts = project.facts("mount")
        self.routers: dict[str, set[str]] = {}
        for fact in project.facts("router"):
            self.routers.setdefault(fact.path, set()).add(fact.get("name") or "")
        self.apps = {(f.path, f.get("name")) for f in project.facts("app")}

    def of(self, path: str, obj: str, depth: int = 0) -> set[str]:
        if depth > 6 or (path, obj) in self.apps:
            return {""}
        out = set()
        for mount in self.mounts:
            target = mount.get("target") or ""
            local = mount.path == path and (target == obj or target.split(".")[-1] == obj
                                            or target.startswith(obj + "("))
            if local or (mount.path != path and self._imports(mount, path)):
                base = self.of(mount.path, mount.get("object") or "", depth + 1)
                out |= {_join(b, mount.value) for b in base}
        return out or {""}

    def _imports(self, mount: Fact, path: str) -> bool:
        """The mount's target is the module at `path` (or a name from it)."""
        module = mount.get("module") or ""
        target = mount.get("target") or ""
        m = re.match(r"""^include\(\s*['"]([\w.]+)['"]""", target)
        if m:
            module = m.group(1)
        elif not module:
            m = re.match(r"""^require\(\s*['"]([^'"]+)['"]\s*\)""", target)
            module = m.group(1) if m else ""
        if not module:
            return False
        if module.startswith("."):
            if path.endswith(".py"):
                base = os.path.dirname(mount.path)
                dots = len(module) - len(module.lstrip("."))
                for _ in range(dots - 1):
                    base = os.path.dirname(base)
                stem = os.path.join(base, *module.lstrip(".").split("."))
                return _py_module_is(stem, path)
            stem = os.path.normpath(os.path.join(os.path.dirname(mount.path), module))
            return os.path.splitext(path)[0] in (stem, os.path.join(stem, "index")) or path == stem
        if path.endswith(".py"):
            rel = "/" + os.path.relpath(path, self.project.root).replace(os.sep, "/")
            return any(_py_module_is("/" + name.replace(".", "/"), rel, suffix=True)
                       for name in (module, module.rpartition(".")[0]) if name)
        return False


def _py_module_is(stem: str, path: str, suffix: bool = False) -> bool:
    for candidate in (stem + ".py", os.path.join(stem, "__init__.py").replace(os.sep, "/")):
        if path == candidate or (suffix and path.endswith(candidate)):
            return True
    return False


def _route_path_argument(ctx: FileContext, node) -> bool:
    """A string that is the path argument of a route registration (`router.get("/health", …)`,
    `@app.get("/health")`, Django `path("health/", …)`)."""
    args = node.parent
    if args is None or args.type not in ("arguments", "argument_list") or args.named_children[0] != node:
        return False
    call = args.parent
    fn = call.child_by_field_name("function") if call is not None else None
    if fn is None:
        return False
    name = ctx.text_of(fn).rpartition(".")[2]
    return name in ROUTE_CALLS
