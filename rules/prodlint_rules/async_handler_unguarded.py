"""
## What it does
Flags an `async` Express route handler or middleware (`(req, res)` / `(req, res, next)`) that
`await`s outside any `try`/`catch`, in a project on Express 4 that has no `express-async-errors`,
no `express-async-handler`-style wrapper (`asyncHandler(...)`, `catchAsync(...)`, a helper doing
`.catch(next)`), and no `express-promise-router`. Handlers in other files (controllers) count
when their parameters are `(req, res[, next])`.

Fastify, Koa, Hono, NestJS, Express 5 and Next.js route handlers are left alone: they turn a
rejected promise into a logged 500 themselves.

## Why is this bad?
Express 4 ignores the promise an `async` handler returns. When the awaited call rejects (the
database is down, a validation throws) no response is ever sent: the request hangs until the
client times out, and on Node ≥ 15 the unhandled rejection kills the whole process.

## Example
```js
router.get("/orders/:id", async (req, res) => {
  const order = await Order.findById(req.params.id);
  res.json(order);
});
```

Use instead:
```js
router.get("/orders/:id", async (req, res, next) => {
  try {
    const order = await Order.findById(req.params.id);
    res.json(order);
  } catch (err) {
    next(err);
  }
});
```

## Fix safety
The fix wraps the handler's body in `try { … } catch (err) { next(err); }`, adding the `next`
parameter when it is missing, so the error reaches the error-handling middleware. It is unsafe:
errors now get your error middleware's response instead of no response. (Upgrading to Express 5
or adding `express-async-errors` fixes every handler at once.)

## References
- [Express: error handling (catching errors in async code)](https://expressjs.com/en/guide/error-handling.html#catching-errors)
- [Express 5 migration: rejected promises handled by router](https://expressjs.com/en/guide/migrating-5.html#rejected-promises)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.api import (
    JAVASCRIPT, TSX, TYPESCRIPT, Applicability, FileContext, Finding, Fix, ProjectContext, Rule, Scope, Severity,
)
from prodlint.facts.express import handler_params, param_name
from prodlint.syntax import indent_unit, uses_semicolons, walk_types

RULE = Rule(
    code="ERR001",
    name="async-handler-unguarded",
    category="2",
    scope=Scope.PROJECT,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX}),
    severity=Severity.WARNING,
    fix="wrap the handler body in try/catch passing the error to next(err)",
)

GUARD_PACKAGES = {"express-async-errors", "express-async-handler", "express-promise-router", "@awaitjs/express",
                  "express-async-wrap", "express-asyncify", "async-express", "express-async-router",
                  "@root/async-router", "express-ws-routes"}
FIX_TITLE = "Wrap the handler in try/catch passing errors to next()"


def check_project(project: ProjectContext) -> Iterator[Finding]:
    if project.has("async_guard") or not project.has("async_handler"):
        return
    deps = {f.value: f for f in project.facts("dependency")}
    imports = {f.value for f in project.facts("import")}
    if (set(deps) | imports) & GUARD_PACKAGES:
        return
    express = deps.get("express")
    if express is not None and (express.get("major") is None or express.get("major") >= 5):
        return
    if express is None and "express" not in project.frameworks:
        return
    for handler in project.facts("async_handler"):
        yield project.finding(handler, "Async Express handler awaits outside try/catch: a rejection leaves the "
                                       "request hanging (Express 4 ignores the returned promise)",
                              [project.offer(FIX_TITLE, Applicability.UNSAFE)] if handler.get("fixable") else [])


def fix(ctx: FileContext, finding: Finding) -> Fix | None:
    fn = ctx.node_at(finding.span, {"arrow_function", "function_expression", "function_declaration",
                                    "method_definition"})
    if fn is None:
        return None
    params = handler_params(fn)
    return _fix(ctx, fn, params, [param_name(ctx, p) for p in params])


def _names_next_function(ctx: FileContext) -> bool:
    """The file names Express's `NextFunction` type (searched once per file)."""
    return ctx.memo("ERR001.next_function", lambda: re.search(rb"\bNextFunction\b", ctx.source) is not None)


def _fix(ctx: FileContext, fn, params, names) -> Fix | None:
    body = fn.child_by_field_name("body")
    if body is None or body.type != "statement_block":
        return None
    for template in walk_types(body, {"template_string"}, ctx):
        if template.start_point[0] != template.end_point[0]:
            return None  # re-indenting would change the string
    edits = []
    if len(names) == 2:
        typed = ctx.language != JAVASCRIPT and params[1].child_by_field_name("type") is not None
        kind = "NextFunction" if _names_next_function(ctx) else 'import("express").NextFunction'
        edits.append(ctx.insert(params[1].end_byte, f", next: {kind}" if typed else ", next"))
        next_name = "next"
    else:
        next_name = names[2]
        if next_name is None:
            return None
    ind, u, nl = ctx.indent_at(fn.start_byte), indent_unit(ctx), ctx.newline
    semi = ";" if uses_semicolons(ctx) else ""
    close = body.children[-1]
    inner = ctx.source[body.children[0].end_byte:close.start_byte].decode("utf-8", "replace")
    lines = inner.replace("\r\n", "\n").split("\n")
    if len(lines) == 1:
        lines = [ind + u + lines[0].strip()]
    else:
        if not lines[0].strip():
            lines = lines[1:]
        else:
            lines[0] = ind + u + lines[0].strip()
        if lines and not lines[-1].strip():
            lines = lines[:-1]
    moved = [(u + line) if line.strip() else "" for line in lines]
    text = "{" + nl + ind + u + "try {" + nl + nl.join(moved) + nl + ind + u + "} catch (err) {" + nl + \
        ind + u + u + f"{next_name}(err){semi}" + nl + ind + u + "}" + nl + ind + "}"
    edits.append(ctx.replace(body, text))
    return ctx.fix(FIX_TITLE, Applicability.UNSAFE, *edits)
