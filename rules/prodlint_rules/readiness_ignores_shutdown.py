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

from collections.abc import Iterator

from prodlint.api import (
    JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Applicability, FileContext, Finding, Fix, ProjectContext, Rule, Scope,
    Severity,
)
from prodlint_rules._readiness import is_readiness_path, js_handler, readiness_fix

RULE = Rule(
    code="HLT003",
    name="readiness-ignores-shutdown",
    category="3",
    scope=Scope.PROJECT,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.WARNING,
    fix="add a shuttingDown flag set by the SIGTERM handler; the readiness route answers 503 while it is set",
)

FIX_TITLE = "Answer 503 from the readiness route once SIGTERM arrives"
_READINESS_LIBRARIES = {"@godaddy/terminus", "lightship", "@nestjs/terminus"}


def check_project(project: ProjectContext) -> Iterator[Finding]:
    if not project.has("readiness_route"):
        return  # every finding is a `readiness_route`
    if any(f.value in _READINESS_LIBRARIES for f in project.facts("dependency") + project.facts("import")) \
            or any(f.value in _READINESS_LIBRARIES for f in project.facts("shutdown_library")):
        return
    sigterm = [f for f in project.facts("signal_handler") if f.value == "SIGTERM"]
    if not sigterm:
        return
    handled_in = {f.path.endswith(".py") for f in sigterm}
    full_paths = {(r.fact.path, r.fact.span): r.full_paths for r in project.routes() if r.fact.span is not None}
    for cand in project.facts("readiness_route"):
        if cand.path.endswith(".py") not in handled_in:
            continue
        paths = full_paths.get((cand.path, cand.span), (cand.value,))
        served = next((p for p in paths if is_readiness_path(p)), None)
        if served is None:
            continue
        offers = [project.offer(FIX_TITLE, Applicability.UNSAFE)] if cand.get("fixable") else []
        yield project.finding(cand, f"Readiness route `{served}` keeps answering 200 after SIGTERM: the load "
                                    f"balancer keeps sending traffic to a draining process", offers,
                              framework=cand.get("framework"))


def fix(ctx: FileContext, finding: Finding) -> Fix | None:
    """The shutdown flag and the 503 answer, built from the route's file as it is now."""
    if ctx.language == PYTHON:
        anchor = ctx.node_at(finding.span, {"decorated_definition"})
        handler = anchor.child_by_field_name("definition") if anchor is not None else None
    else:
        anchor = ctx.node_at(finding.span, {"call_expression"})
        handler = js_handler(ctx, anchor) if anchor is not None else None
    if anchor is None or handler is None:
        return None
    return readiness_fix(ctx, anchor, handler, finding.get("framework") or "")
