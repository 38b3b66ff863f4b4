"""
## What it does
Flags a Node.js server that listens for connections (`app.listen()`, `server.listen()`,
`http.createServer().listen()`, `fastify.listen()`, `serve()` of `@hono/node-server`) when no file
of its project registers a `SIGTERM` handler (`process.on("SIGTERM", …)`, or a wait for it:
`await once(process, "SIGTERM")` of `node:events`, `pEvent(process, "SIGTERM")`) and no graceful-shutdown
library (`http-terminator`, `@godaddy/terminus`, `stoppable`, `lightship`, `close-with-grace`,
NestJS `enableShutdownHooks()`) is used.

## Why is this bad?
Every deploy, scale-down and node drain sends the process `SIGTERM`. Without a handler Node dies
on the spot (or, as PID 1 in a container, ignores the signal until the orchestrator kills it ten
or thirty seconds later): in-flight requests are cut off, responses are lost half-written, and
database and cache connections are dropped instead of closed.

## Example
```js
const app = express();
app.listen(3000);
```

Use instead:
```js
const server = app.listen(3000);

function shutdown(signal) {
  console.log(`${signal} received: closing the HTTP server`);
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(1), 10_000).unref();
}

process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
```

## Fix safety
The fix captures the server (`const server = app.listen(...)`, keeping the callback), and adds a
`shutdown(signal)` for `SIGTERM` and `SIGINT` that stops accepting connections, waits for the
open ones, closes the database and cache clients the file can see (`pool.end()`,
`prisma.$disconnect()`, `redis.quit()`, `mongoose.connection.close()`, …), and force-exits after
10 seconds with a timer that does not keep the process alive (`.unref()`); the file's readiness
routes (`/readyz`, `/health/ready` …) answer 503 from then on, through a `shuttingDown` flag the
shutdown sets first (HLT003). For Fastify it awaits
`app.close()`, which runs the `onClose` hooks. It is unsafe: it changes how the process ends.

## References
- [Node.js: process signal events](https://nodejs.org/api/process.html#signal-events)
- [Express: health checks and graceful shutdown](https://expressjs.com/en/advanced/healthcheck-graceful-shutdown.html)
- [Kubernetes: termination of pods](https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination)
"""

from __future__ import annotations

from collections.abc import Iterator

from prodlint.api import (
    JAVASCRIPT, TSX, TYPESCRIPT, Applicability, FileContext, Finding, Fix, ProjectContext, Rule, Scope, Severity,
)
from prodlint.appmodel import JS_DB_CLIENTS, js_db_clients, js_logger
from prodlint.syntax import (
    call_statement, end_of_line_after, indent_unit, js_declarations, quote_style, uses_semicolons,
)
from prodlint_rules._readiness import js_readiness_edits, js_readiness_routes

RULE = Rule(
    code="SIG001",
    name="missing-sigterm-handler",
    category="7",
    scope=Scope.PROJECT,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX}),
    severity=Severity.WARNING,
    fix="capture the server and add a SIGTERM/SIGINT shutdown that closes it and the DB clients",
)

FIX_TITLE = "Add a SIGTERM handler that closes the server"


def check_project(project: ProjectContext) -> Iterator[Finding]:
    if not project.has("listen"):
        return  # every finding is an entry point (`ProjectContext.entry_points`: one per `listen` fact)
    if any(f.value == "SIGTERM" for f in project.facts("signal_handler")) or project.has("shutdown_library"):
        return
    for entry in project.entry_points():
        if not entry.javascript or entry.arguments == 0:
            continue  # `app.listen()` on a random port: a test harness
        framework = project.model.server_framework(entry)
        if not framework:
            continue
        fixable = entry.standalone and framework != "nestjs" and not (framework == "fastify" and entry.object == "serve")
        what = {"http": "HTTP server", "hono": "Hono server", "nestjs": "NestJS app"}.get(
            framework, f"{framework.capitalize()} app")
        yield project.finding(entry.fact, f"{what} listens but no SIGTERM handler is registered: deploys cut off "
                                          f"in-flight requests and drop connections",
                              [project.offer(FIX_TITLE, Applicability.UNSAFE)] if fixable else [],
                              framework=framework, receiver=entry.object)


def fix(ctx: FileContext, finding: Finding) -> Fix | None:
    call = ctx.node_at(finding.span, {"call_expression"})
    if call is None:
        return None
    if finding.get("framework") == "fastify":
        return _fastify_fix(ctx, call, finding.get("receiver"))
    return _http_fix(ctx, call)


# ------------------------------------------------------------------ the fix

def _style(ctx: FileContext, statement) -> tuple[str, str, str, str]:
    return ctx.indent_at(statement.start_byte), indent_unit(ctx), quote_style(ctx), ";" if uses_semicolons(ctx) else ""


def _log(ctx: FileContext, receiver: str | None, what: str) -> str:
    logger = js_logger(ctx)
    text = f"`${{signal}} received: {what}`"
    if receiver:
        return f"{receiver}.log.info({text})"
    return f"{logger}.info({text})" if logger else f"console.log({text})"


def _closes(ctx: FileContext) -> list[str]:
    return [JS_DB_CLIENTS[kind][1].format(n=name) for kind, name in js_db_clients(ctx)]


def _names(ctx: FileContext) -> tuple[str, str]:
    decls = js_declarations(ctx)
    fn = "shutdown" if "shutdown" not in decls and b"function shutdown" not in ctx.source else "gracefulShutdown"
    return fn, ("server" if "server" not in decls else "httpServer")


def _http_fix(ctx: FileContext, call) -> Fix | None:
    statement, expr, bound = call_statement(call)
    if statement is None:
        return None
    ind, u, q, semi = _style(ctx, statement)
    nl = ctx.newline
    fn, server = _names(ctx)
    edits = []
    if bound is not None:
        server = ctx.text_of(bound)
    else:
        edits.append(ctx.insert(expr.start_byte, f"const {server} = "))
    param = "signal: string" if ctx.language != JAVASCRIPT else "signal"
    closes = _closes(ctx)
    lines = [f"function {fn}({param}) {{", f"{u}{_log(ctx, None, 'closing the HTTP server')}{semi}"]
    readiness = _readiness_edits(ctx)
    if readiness:
        edits += readiness
        lines.insert(1, f"{u}shuttingDown = true{semi}")
    if closes:
        lines += [f"{u}{server}.close(async () => {{",
                  f"{u}{u}await Promise.allSettled([{', '.join(closes)}]){semi}",
                  f"{u}{u}process.exit(0){semi}",
                  f"{u}}}){semi}"]
    else:
        lines += [f"{u}{server}.close(() => process.exit(0)){semi}"]
    lines += [f"{u}setTimeout(() => process.exit(1), 10_000).unref(){semi}", "}", "",
              f"process.on({q}SIGTERM{q}, () => {fn}({q}SIGTERM{q})){semi}",
              f"process.on({q}SIGINT{q}, () => {fn}({q}SIGINT{q})){semi}"]
    body = nl.join((ind + line) if line else "" for line in lines)
    edits.append(ctx.insert(end_of_line_after(ctx, statement.end_byte), nl + nl + body))
    return ctx.fix("Add a SIGTERM handler that closes the server", Applicability.UNSAFE, *edits)


def _readiness_edits(ctx: FileContext) -> list:
    """The file's readiness routes answer 503 once shutdown() sets `shuttingDown` (HLT003)."""
    edits: list = []
    for i, (route, handler, framework) in enumerate(js_readiness_routes(ctx)):
        route_edits = js_readiness_edits(ctx, route, handler, framework, declare=i == 0)
        if route_edits is None:
            return []
        edits += route_edits
    return edits


def _fastify_fix(ctx: FileContext, call, receiver: str) -> Fix | None:
    statement, _, _ = call_statement(call)
    if statement is None or receiver == "serve":
        return None
    while statement.parent is not None and statement.parent.type == "statement_block" \
            and statement.parent.parent is not None and statement.parent.parent.type == "try_statement":
        statement = statement.parent.parent  # `try { await app.listen() } catch …`: after the try
    ind, u, q, semi = _style(ctx, statement)
    nl = ctx.newline
    fn, _ = _names(ctx)
    param = "signal: string" if ctx.language != JAVASCRIPT else "signal"
    closes = _closes(ctx)
    lines = [f"async function {fn}({param}) {{", f"{u}{_log(ctx, receiver, 'closing the server')}{semi}",
             f"{u}setTimeout(() => process.exit(1), 10_000).unref(){semi}",
             f"{u}await {receiver}.close(){semi}"]
    if closes:
        lines.append(f"{u}await Promise.allSettled([{', '.join(closes)}]){semi}")
    lines += [f"{u}process.exit(0){semi}", "}", "",
              f"process.on({q}SIGTERM{q}, () => {fn}({q}SIGTERM{q})){semi}",
              f"process.on({q}SIGINT{q}, () => {fn}({q}SIGINT{q})){semi}"]
    body = nl.join((ind + line) if line else "" for line in lines)
    return ctx.fix("Add a SIGTERM handler that closes the server", Applicability.UNSAFE,
                   ctx.insert(end_of_line_after(ctx, statement.end_byte), nl + nl + body))
