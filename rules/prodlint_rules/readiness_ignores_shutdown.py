"""
## What it does
Flags a readiness route (`/readyz`, `/ready`, `/readiness`, `/health/ready`, `/api/v1/ready` …,
judged on the full path it is served at) whose handler never looks at a shutdown state, in a
project that handles `SIGTERM` itself (`process.on("SIGTERM", …)`, `signal.signal(signal.SIGTERM,
…)`). A handler counts as aware when it reads a name about shutting down, draining, closing or
readiness (`shuttingDown`, `isDraining`, `server.listening`, `app.locals.ready`, `is_ready` …).

Never flagged: Fastify apps (a closing Fastify server answers 503 by itself), projects using
`@godaddy/terminus`, `lightship` or `@nestjs/terminus` (their readiness checks fail during
shutdown), handlers prodlint cannot see (a function imported from another module), and
projects that leave `SIGTERM` to the server (uvicorn, gunicorn).

## Why is this bad?
On a deploy or scale-down the orchestrator sends `SIGTERM` and keeps routing traffic to the pod
until its readiness probe fails. A readiness route that keeps answering 200 while the process
drains tells the load balancer to keep sending requests to a server that is closing: they fail
with connection resets or 502s on every rollout.

## Example
```js
app.get("/readyz", (req, res) => res.json({ status: "ready" }));

process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
});
```

Use instead:
```js
let shuttingDown = false;

app.get("/readyz", (req, res) => {
  if (shuttingDown) return res.status(503).json({ status: "shutting down" });
  return res.json({ status: "ready" });
});

process.on("SIGTERM", () => {
  shuttingDown = true;
  server.close(() => process.exit(0));
});
```

## Fix safety
When the `SIGTERM` handler and the readiness route are in the same file, the fix declares a
`shuttingDown` flag (`shutting_down` in Python), sets it first thing in the handler (or in the
shutdown function the handler calls; in a listener of its own when it cannot see that body), and
makes the readiness route answer 503 while it is set, in the framework's idiom (Express `res`,
Koa `ctx`, Hono `c`, Flask, FastAPI `JSONResponse`). It is unsafe: it changes what the route
answers.

## References
- [Kubernetes: pod termination](https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination)
- [Express: health checks and graceful shutdown](https://expressjs.com/en/advanced/healthcheck-graceful-shutdown.html)
- [Google Cloud: Kubernetes best practices, terminating with grace](https://cloud.google.com/blog/products/containers-kubernetes/kubernetes-best-practices-terminating-with-grace)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.api import (
    JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Applicability, Fact, FileContext, Finding, Fix, ProjectContext, Rule,
    Scope, Severity,
)
from prodlint.appmodel import js_receiver_framework, py_imports
from prodlint.syntax import indent_unit, quote_style, string_content, walk_types
from prodlint_rules._readiness import (
    is_aware, is_readiness_path, js_handler, js_readiness_edits, js_sigterm_calls,
)

RULE = Rule(
    code="HLT003",
    name="readiness-ignores-shutdown",
    category="3",
    scope=Scope.PROJECT,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.WARNING,
    fix="add a shuttingDown flag set by the SIGTERM handler; the readiness route answers 503 while it is set",
)

_READY = '"(readyz|ready|readiness|_ready)/?.$"'
QUERY = {lang: "((call_expression function: (member_expression object: (_) @obj property: (property_identifier) @method) "
               f"arguments: (arguments . (string) @path)) @call (#match? @path {_READY}) "
               '(#match? @method "^(get|all|head|route)$"))' for lang in (JAVASCRIPT, TYPESCRIPT, TSX)}
QUERY[PYTHON] = ("((decorated_definition (decorator (call function: (attribute attribute: (identifier) @method) "
                 f"arguments: (argument_list . (string) @path))) definition: (function_definition) @fn) @def "
                 f'(#match? @path {_READY}) (#match? @method "^(get|route|api_route|head)$"))')

CANDIDATE = "HLT003.route"
_READINESS_LIBRARIES = {"@godaddy/terminus", "lightship", "@nestjs/terminus"}


def facts(ctx: FileContext) -> Iterator[Fact]:
    """A candidate per readiness route this file registers whose handler reads no shutdown state."""
    if ctx.tree is None or ctx.role.non_production:
        return
    for _, caps in ctx.matches:
        path_node = caps["path"][0]
        if ctx.language == PYTHON:
            handler, anchor = caps["fn"][0], caps["def"][0]
            framework = "fastapi" if ctx.text_of(caps["method"][0]) != "route" else "flask"
        else:
            anchor = caps["call"][0]
            owner = js_receiver_framework(ctx, caps["obj"][0])
            framework = owner[0] if owner else ""
            if framework == "fastify":
                continue  # a closing Fastify server answers 503 itself (return503OnClosing)
            handler = js_handler(ctx, anchor)
        if handler is None or is_aware(ctx, handler):
            continue
        fix = _fix(ctx, anchor, handler, framework)
        yield ctx.fact(CANDIDATE, anchor, string_content(ctx, path_node), fix=fix)


def check_project(project: ProjectContext) -> Iterator[Finding]:
    if any(f.value in _READINESS_LIBRARIES for f in project.facts("dependency") + project.facts("import")) \
            or any(f.value in _READINESS_LIBRARIES for f in project.facts("shutdown_library")):
        return
    sigterm = [f for f in project.facts("signal_handler") if f.value == "SIGTERM"]
    if not sigterm:
        return
    handled_in = {f.path.endswith(".py") for f in sigterm}
    full_paths = {(r.fact.path, r.fact.span): r.full_paths for r in project.routes() if r.fact.span is not None}
    for cand in project.facts(CANDIDATE):
        if cand.path.endswith(".py") not in handled_in:
            continue
        paths = full_paths.get((cand.path, cand.span), (cand.value,))
        served = next((p for p in paths if is_readiness_path(p)), None)
        if served is None:
            continue
        fix = cand.get("fix")
        yield project.finding(cand, f"Readiness route `{served}` keeps answering 200 after SIGTERM: the load "
                                    f"balancer keeps sending traffic to a draining process", [fix] if fix else [])


# ------------------------------------------------------------------ the fix

def _fix(ctx: FileContext, anchor, handler, framework: str) -> Fix | None:
    if ctx.language == PYTHON:
        return _py_fix(ctx, anchor, handler, framework)
    sigterm = js_sigterm_calls(ctx)
    if not sigterm:
        return None  # the handler is in another file: the flag would have to be shared
    edits = js_readiness_edits(ctx, anchor, handler, framework, sigterm[0])
    if edits is None:
        return None
    return ctx.fix("Answer 503 from the readiness route once SIGTERM arrives", Applicability.UNSAFE, *edits)


def _py_fix(ctx: FileContext, anchor, handler, framework: str) -> Fix | None:
    handler_fn = _py_sigterm_function(ctx)
    if handler_fn is None or anchor.parent is None or anchor.parent.type != "module":
        return None  # the flag is a module global: the route must be defined at module level
    nl, u, q = ctx.newline, indent_unit(ctx), quote_style(ctx)
    block = handler.child_by_field_name("body")
    first = next((c for c in block.named_children if c.type != "comment"), None) if block is not None else None
    if first is None:
        return None
    ind = ctx.indent_at(first.start_byte)
    edits = []
    if framework == "fastapi":
        answer = f"JSONResponse({{{q}status{q}: {q}shutting down{q}}}, status_code=503)"
        if "JSONResponse" not in py_imports(ctx):
            imports = [c for c in ctx.tree.root_node.named_children if c.type in ("import_statement", "import_from_statement")]
            if not imports:
                return None
            edits.append(ctx.insert(imports[-1].end_byte, f"{nl}from fastapi.responses import JSONResponse"))
    else:
        answer = f"{{{q}status{q}: {q}shutting down{q}}}, 503"
    edits.append(ctx.insert(first.start_byte, f"if shutting_down:{nl}{ind}{u}return {answer}{nl}{ind}"))
    if re.search(rb"^shutting_down\s*=", ctx.source, re.M) is None:
        edits.append(ctx.insert(anchor.start_byte, f"shutting_down = False{nl}{nl}{nl}"))
    body = handler_fn.child_by_field_name("body")
    inner = next((c for c in body.named_children if c.type != "comment"), None)
    if inner is None:
        return None
    if b"shutting_down = True" not in ctx.source:
        hind = ctx.indent_at(inner.start_byte)
        edits.append(ctx.insert(inner.start_byte, f"global shutting_down{nl}{hind}shutting_down = True{nl}{hind}"))
    return ctx.fix("Answer 503 from the readiness route once SIGTERM arrives", Applicability.UNSAFE, *edits)


def _py_sigterm_function(ctx: FileContext):
    """The function registered for SIGTERM in this file (`signal.signal(signal.SIGTERM, handle)`)."""
    for call in walk_types(ctx.tree.root_node, {"call"}, ctx):
        args = call.child_by_field_name("arguments")
        text = ctx.text_of(call.child_by_field_name("function"))
        if args is None or not text.endswith(("signal", "add_signal_handler")):
            continue
        named = [a for a in args.named_children if a.type != "comment"]
        if len(named) < 2 or not ctx.text_of(named[0]).endswith("SIGTERM") or named[1].type != "identifier":
            continue
        name = ctx.text_of(named[1])
        for fn in walk_types(ctx.tree.root_node, {"function_definition"}, ctx):
            if ctx.text_of(fn.child_by_field_name("name")) == name:
                return fn
    return None
