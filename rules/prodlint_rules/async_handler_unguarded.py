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
    JAVASCRIPT, TSX, TYPESCRIPT, Applicability, Fact, FileContext, Finding, Fix, ProjectContext, Rule, Scope,
    Severity,
)
from prodlint.appmodel import js_frameworks, js_receiver_framework
from prodlint.syntax import callee_text, indent_unit, uses_semicolons, walk_types

RULE = Rule(
    code="ERR001",
    name="async-handler-unguarded",
    category="2",
    scope=Scope.PROJECT,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX}),
    severity=Severity.WARNING,
    fix="wrap the handler body in try/catch passing the error to next(err)",
)

QUERY = """
((arrow_function parameters: (formal_parameters) body: (_)) @fn)
((function_expression parameters: (formal_parameters)) @fn)
((function_declaration parameters: (formal_parameters)) @fn)
((method_definition parameters: (formal_parameters)) @fn)
"""

CANDIDATE = "ERR001.handler"
WRAPPER = "ERR001.wrapper"
ROUTE_METHODS = {"get", "post", "put", "patch", "delete", "del", "all", "use", "head", "options"}
GUARD_PACKAGES = {"express-async-errors", "express-async-handler", "express-promise-router", "@awaitjs/express",
                  "express-async-wrap", "express-asyncify", "async-express", "express-async-router",
                  "@root/async-router", "express-ws-routes"}
OTHER_FRAMEWORKS = {"fastify", "koa", "hono", "nestjs", "next"}
_REQ = re.compile(r"^(req|request)$")
_RES = re.compile(r"^(res|response)$")
_NEXT_PATHS = re.compile(r"(^|/)(src/)?(pages/api|app)/")


def facts(ctx: FileContext) -> Iterator[Fact]:
    if ctx.tree is None or ctx.role.non_production:
        return
    if b".catch(next)" in ctx.source or b"catch(next)" in ctx.source:
        yield ctx.fact(WRAPPER, None, "catch(next)")
    frameworks = js_frameworks(ctx)
    if frameworks & OTHER_FRAMEWORKS or _NEXT_PATHS.search(ctx.relpath):
        return
    for fn in ctx.captures("fn"):
        if not _is_async(fn):
            continue
        params = [p for p in fn.child_by_field_name("parameters").named_children if p.type != "comment"]
        names = [_param_name(ctx, p) for p in params]
        route_call = _route_call(ctx, fn)
        if route_call is False:
            yield ctx.fact(WRAPPER, fn, "wrapped")
            continue
        if route_call is None and not (len(names) in (2, 3) and _REQ.match(names[0] or "") and _RES.match(names[1] or "")):
            continue
        if route_call is not None and len(names) not in (2, 3):
            continue
        unguarded = _unguarded_await(fn, ctx)
        if unguarded is None:
            continue
        yield ctx.fact(CANDIDATE, fn, "", fix=_fix(ctx, fn, params, names))
    for call in walk_types(ctx.tree.root_node, {"call_expression"}, ctx):
        if _is_wrapped_route(ctx, call):
            yield ctx.fact(WRAPPER, call, "wrapped-route")


def check_project(project: ProjectContext) -> Iterator[Finding]:
    if project.has(WRAPPER):
        return
    deps = {f.value: f for f in project.facts("dependency")}
    imports = {f.value for f in project.facts("import")}
    if (set(deps) | imports) & GUARD_PACKAGES:
        return
    express = deps.get("express")
    if express is not None and (express.get("major") is None or express.get("major") >= 5):
        return
    if express is None and "express" not in {f.value for f in project.facts("framework")}:
        return
    for cand in project.facts(CANDIDATE):
        fix = cand.get("fix")
        yield project.finding(cand, "Async Express handler awaits outside try/catch: a rejection leaves the "
                                    "request hanging (Express 4 ignores the returned promise)", [fix] if fix else [])


def _is_async(fn) -> bool:
    return any(c.type == "async" for c in fn.children)


def _param_name(ctx: FileContext, node) -> str | None:
    if node.type in ("required_parameter", "optional_parameter"):
        node = node.child_by_field_name("pattern") or node
    return ctx.text_of(node) if node.type == "identifier" else None


def _route_call(ctx: FileContext, fn):
    """The Express route/middleware call `fn` is passed to (truthy); False when `fn` is passed to
    some other call (a wrapper: `asyncHandler(async (req, res) => …)`); None when it is not an
    argument at all."""
    parent = fn.parent
    if parent is None or parent.type != "arguments":
        return None
    call = parent.parent
    callee = call.child_by_field_name("function") if call is not None else None
    if callee is None or callee.type != "member_expression":
        return False
    method = ctx.text_of(callee.child_by_field_name("property"))
    if method not in ROUTE_METHODS:
        return False
    owner = js_receiver_framework(ctx, callee.child_by_field_name("object"))
    if owner is None:
        obj = callee.child_by_field_name("object")
        if obj.type == "call_expression" and "route" in ctx.text_of(obj.child_by_field_name("function") or obj):
            return call  # router.route("/x").get(async …)
        return False if "express" not in js_frameworks(ctx) else call
    return call if owner[0] == "express" else False


def _is_wrapped_route(ctx: FileContext, call) -> bool:
    """`router.get("/", asyncHandler(listOrders))`: a route argument that is a call wrapping a
    function or a name."""
    callee = call.child_by_field_name("function")
    if callee is None or callee.type != "member_expression":
        return False
    if ctx.text_of(callee.child_by_field_name("property")) not in ROUTE_METHODS:
        return False
    args = call.child_by_field_name("arguments")
    for arg in args.named_children if args is not None else ():
        if arg.type == "call_expression":
            inner = arg.child_by_field_name("arguments")
            name = callee_text(ctx, arg)
            if inner is not None and inner.named_children and re.search(r"async|catch|wrap|handler|safe|try",
                                                                         name, re.I):
                return True
    return False


def _unguarded_await(fn, ctx: FileContext):
    body = fn.child_by_field_name("body")
    if body is None:
        return None
    for node in walk_types(body, {"await_expression", "for_in_statement"}, ctx):
        if node.type == "for_in_statement" and not any(c.type == "await" for c in node.children):
            continue
        if _inner_function(node, fn):
            continue
        if not _in_try(node, fn):
            return node
    return None


def _inner_function(node, fn) -> bool:
    parent = node.parent
    while parent is not None and parent != fn:
        if parent.type in ("arrow_function", "function_expression", "function_declaration", "method_definition"):
            return True
        parent = parent.parent
    return False


def _in_try(node, fn) -> bool:
    child, parent = node, node.parent
    while parent is not None and parent != fn:
        if parent.type == "try_statement" and parent.child_by_field_name("body") == child \
                and parent.child_by_field_name("handler") is not None:
            return True
        child, parent = parent, parent.parent
    return False


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
    return ctx.fix("Wrap the handler in try/catch passing errors to next()", Applicability.UNSAFE, *edits)
