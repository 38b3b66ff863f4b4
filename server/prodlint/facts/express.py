"""Express handler facts: async route handlers and middlewares that `await` outside any
`try`/`catch` (Express 4 ignores the promise they return, so a rejection leaves the request
hanging), and the project's guards against that (`.catch(next)` helpers, `asyncHandler(...)`
wrappers around handlers). Kinds are declared in `prodlint.facts.kinds`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.appmodel import js_frameworks, js_receiver_framework
from prodlint.context import FileContext
from prodlint.core import Fact
from prodlint.languages import JAVASCRIPT, TSX, TYPESCRIPT
from prodlint.syntax import callee_text, walk_types

TARGETS = (JAVASCRIPT, TYPESCRIPT, TSX)
RUNTIME = True  # describes the running app: not run on tests, scripts, examples (the engine skips them)

# Only async functions can be the handlers these facts are about, and only route calls with a
# call among their arguments can wrap one: the query hands over just those (every function and
# every call of a file, walked in Python, cost more than the rest of this module).
QUERY = """
((arrow_function "async" parameters: (formal_parameters) body: (_)) @fn)
((function_expression "async" parameters: (formal_parameters)) @fn)
((function_declaration "async" parameters: (formal_parameters)) @fn)
((method_definition "async" parameters: (formal_parameters)) @fn)
((call_expression function: (member_expression property: (property_identifier) @_method)
                  arguments: (arguments (call_expression))) @route_call
 (#any-of? @_method "get" "post" "put" "patch" "delete" "del" "all" "use" "head" "options"))
"""

ROUTE_METHODS = {"get", "post", "put", "patch", "delete", "del", "all", "use", "head", "options"}
OTHER_FRAMEWORKS = {"fastify", "koa", "hono", "nestjs", "next"}
_REQ = re.compile(r"^(req|request)$")
_RES = re.compile(r"^(res|response)$")
_NEXT_PATHS = re.compile(r"(^|/)(src/)?(pages/api|app)/")



def facts(ctx: FileContext) -> Iterator[Fact]:
    if ctx.tree is None or ctx.role.non_production:
        return
    if b"catch(next)" in ctx.source:  # `.catch(next)` too
        yield ctx.fact("async_guard", None, "catch(next)")
    frameworks = js_frameworks(ctx)
    if frameworks & OTHER_FRAMEWORKS or _NEXT_PATHS.search(ctx.relpath):
        return
    for fn in ctx.captures("fn"):  # async functions only (the query asks for the keyword)
        route_call = _route_call(ctx, fn)
        if route_call is False:
            yield ctx.fact("async_guard", fn, "wrapped")
            continue
        if route_call is None and fn.child_by_field_name("parameters").named_child_count < 2:
            continue  # not passed to a route and without (req, res): no handler
        params = handler_params(fn)
        names = [param_name(ctx, p) for p in params]
        if route_call is None and not (len(names) in (2, 3) and _REQ.match(names[0] or "") and _RES.match(names[1] or "")):
            continue
        if route_call is not None and len(names) not in (2, 3):
            continue
        if _unguarded_await(fn, ctx) is None:
            continue
        yield ctx.fact("async_handler", fn, "", fixable=_fixable(ctx, fn, names))
    for call in dict.fromkeys(ctx.captures("route_call")):  # a match per call argument: once each
        if _is_wrapped_route(ctx, call):
            yield ctx.fact("async_guard", call, "wrapped-route")


def handler_params(fn) -> list:
    return [p for p in fn.child_by_field_name("parameters").named_children if p.type != "comment"]


def _fixable(ctx: FileContext, fn, names) -> bool:
    """Its body can be wrapped in try/catch: a block with no multi-line template string (re-indenting
    would change it), and a `next` to call (named, or added as the third parameter)."""
    body = fn.child_by_field_name("body")
    if body is None or body.type != "statement_block":
        return False
    if any(t.start_point[0] != t.end_point[0] for t in walk_types(body, {"template_string"}, ctx)):
        return False
    return len(names) == 2 or names[2] is not None


def param_name(ctx: FileContext, node) -> str | None:
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
        between = _between(fn, node)
        if _inner_function(between):
            continue
        if not _in_try(between, node):
            return node
    return None


_FUNCTIONS = frozenset({"arrow_function", "function_expression", "function_declaration", "method_definition"})


def _between(fn, node) -> list:
    """The nodes between `fn` and its descendant `node`, outermost first: found from `fn` down
    (`.parent` searches down from the root of the file for each step up)."""
    chain = []
    current, target = fn.child_with_descendant(node), node.id
    while current is not None and current.id != target:
        chain.append(current)
        current = current.child_with_descendant(node)
    if current is None:  # not below `fn` after all: every ancestor, as climbing finds them
        chain, parent = [], node.parent
        while parent is not None and parent != fn:
            chain.append(parent)
            parent = parent.parent
        chain.reverse()
    return chain


def _inner_function(between: list) -> bool:
    """Whether a function lies between the handler and the node: it is that function's."""
    return any(n.type in _FUNCTIONS for n in between)


def _in_try(between: list, node) -> bool:
    """Whether the node lies in the body of a `try` with a `catch`, inside the handler."""
    for i, parent in enumerate(between):
        if parent.type == "try_statement":
            child = between[i + 1] if i + 1 < len(between) else node
            if parent.child_by_field_name("body") == child and parent.child_by_field_name("handler") is not None:
                return True
    return False


