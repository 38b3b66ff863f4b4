"""Readiness routes and the shutdown flag: what HLT003 checks and what its fix, SIG001's and
HLT001's write, so a route answers 503 once SIGTERM has arrived whichever fix wrote it."""

from __future__ import annotations

import re

from prodlint.api import PYTHON, Applicability, FileContext, Fix, TextEdit
from prodlint.appmodel import js_receiver_framework, py_imports
from prodlint.syntax import (
    end_of_line_after, file_search, indent_unit, quote_style, string_content, uses_semicolons, walk_types,
)

READY_SEGMENTS = {"readyz", "ready", "readiness", "_ready"}
#: segments allowed before a plain `ready`: `/health/ready`, `/api/v1/ready`, `/_/ready`
_PREFIX = re.compile(r"^(api|v\d+(\.\d+)?|internal|health|healthz|_health|healthcheck|probes?|status|system|ops|"
                     r"monitoring|_|__|k8s|kube)$", re.I)
#: a name the handler reads that tells it the process is stopping
_AWARE = re.compile(r"shut|drain|terminat|clos(ing|ed)|stopping|exiting|listening|ready|accepting|lifecycle|alive|"
                    r"healthy|stopped|sigterm", re.I)
_DECLARES_FLAG = re.compile(rb"\b(let|var)\s+shuttingDown\b")
_SETS_FLAG = re.compile(rb"\bshuttingDown\s*=\s*true")
_JS_SIGTERM = re.compile(rb"""process\.(on|once|addListener|prependListener)\(\s*['"]SIGTERM['"]""")
_JS_ROUTE_METHODS = {"get", "all", "head", "route"}


def is_readiness_path(path: str) -> bool:
    """`/readyz`, `/readiness`, `/health/ready`, `/api/v1/ready` — not `/orders/ready`."""
    segments = [s for s in path.strip("/").split("/") if s]
    if not segments or segments[-1].lower() not in READY_SEGMENTS:
        return False
    return segments[-1].lower() != "ready" or all(_PREFIX.match(s) for s in segments[:-1])


def js_sigterm_calls(ctx: FileContext) -> list:
    """`process.on("SIGTERM", …)` calls of this file (once per file: each readiness fix asks)."""
    return ctx.memo("readiness.sigterm_calls", lambda: _js_sigterm_calls(ctx))


def _js_sigterm_calls(ctx: FileContext) -> list:
    if not _JS_SIGTERM.search(ctx.source):
        return []
    return [c for c in walk_types(ctx.tree.root_node, {"call_expression"}, ctx)
            if _JS_SIGTERM.match(ctx.source[c.start_byte:c.end_byte])]


def js_readiness_routes(ctx: FileContext) -> list[tuple]:
    """(route call, handler, framework) of the readiness routes this file registers whose handler
    reads no shutdown state (Fastify routes excluded: a closing Fastify server answers 503)."""
    out = []
    for call in walk_types(ctx.tree.root_node, {"call_expression"}, ctx):
        fn = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if fn is None or fn.type != "member_expression" or args is None:
            continue
        prop = fn.child_by_field_name("property")
        first = next((a for a in args.named_children if a.type != "comment"), None)
        if prop is None or ctx.text_of(prop) not in _JS_ROUTE_METHODS or first is None or first.type != "string":
            continue
        if not is_readiness_path(string_content(ctx, first)):
            continue
        owner = js_receiver_framework(ctx, fn.child_by_field_name("object"))
        framework = owner[0] if owner else ""
        handler = js_handler(ctx, call)
        if framework != "fastify" and handler is not None and not is_aware(ctx, handler):
            out.append((call, handler, framework))
    return out


def js_handler(ctx: FileContext, call):
    """The route's handler function: the last argument, or the function it names in this file."""
    args = [a for a in call.child_by_field_name("arguments").named_children if a.type != "comment"]
    last = args[-1] if len(args) > 1 else None
    if last is None:
        return None
    if last.type in ("arrow_function", "function_expression", "function"):
        return last
    if last.type == "identifier":
        return js_function_named(ctx, ctx.text_of(last))
    return None


def js_function_named(ctx: FileContext, name: str):
    for node in walk_types(ctx.tree.root_node, {"function_declaration", "variable_declarator"}, ctx):
        ident = node.child_by_field_name("name")
        if ident is None or ctx.text_of(ident) != name:
            continue
        if node.type == "function_declaration":
            return node
        value = node.child_by_field_name("value")
        if value is not None and value.type in ("arrow_function", "function_expression", "function"):
            return value
    return None


def is_aware(ctx: FileContext, handler) -> bool:
    """The handler reads a name about shutdown or readiness (strings and comments do not count)."""
    own_name = handler.child_by_field_name("name")
    for node in walk_types(handler, {"identifier", "property_identifier", "shorthand_property_identifier"}, ctx):
        if own_name is not None and node == own_name:
            continue  # `function readyz(…)`, `def readiness():`
        if _AWARE.search(ctx.text_of(node)):
            return True
    return False


def js_readiness_edits(ctx: FileContext, anchor, handler, framework: str, sigterm_call=None,
                       declare: bool = True) -> list[TextEdit] | None:
    """Edits making a readiness route answer 503 once the SIGTERM handler has run: the guard first
    in the route handler, `let shuttingDown = false` before the route's top-level statement (with
    `declare`, unless declared), and `shuttingDown = true` first in `sigterm_call`'s handler (when
    given, unless set)."""
    params = handler.child_by_field_name("parameters")
    names = [ctx.text_of(p) for p in params.named_children] if params is not None else []
    if params is None and handler.child_by_field_name("parameter") is not None:
        names = [ctx.text_of(handler.child_by_field_name("parameter"))]
    q, semi, nl, u = quote_style(ctx), (";" if uses_semicolons(ctx) else ""), ctx.newline, indent_unit(ctx)
    body_status = f"{{ status: {q}shutting down{q} }}"
    if framework == "koa" or (len(names) in (1, 2) and names[0] == "ctx"):
        guard = ["if (shuttingDown) {", f"{u}{names[0]}.status = 503{semi}", f"{u}{names[0]}.body = {body_status}{semi}",
                 f"{u}return{semi}", "}"]
    elif framework == "hono" or (len(names) == 1 and names[0] == "c"):
        guard = [f"if (shuttingDown) return {names[0]}.json({body_status}, 503){semi}"]
    elif len(names) >= 2 and re.match(r"^\w+$", names[1].split(":")[0].strip()):
        res = names[1].split(":")[0].strip()
        guard = [f"if (shuttingDown) return {res}.status(503).json({body_status}){semi}"]
    else:
        return None
    guard_edit = _js_guard(ctx, handler, guard)
    if guard_edit is None:
        return None
    edits = [guard_edit]
    declared = file_search(ctx, _DECLARES_FLAG) is not None
    if declare and not declared:
        top = anchor
        while top.parent is not None and top.parent.type != "program":
            top = top.parent
        while top.prev_named_sibling is not None and top.prev_named_sibling.type == "comment" \
                and top.prev_named_sibling.end_point[0] == top.start_point[0] - 1:
            top = top.prev_named_sibling  # above the comments that belong to the route
        ind = ctx.indent_at(top.start_byte)
        line_start = top.start_byte - len(ind.encode())
        before = ctx.source[:line_start].rstrip(b"\r\n").rsplit(b"\n", 1)[-1].strip()
        gap = nl if before and not before.endswith(b"{") and line_start > 0 else ""
        edits.append(ctx.insert(top.start_byte, f"{gap}{ind if gap else ''}let shuttingDown = false{semi}{nl}{nl}{ind}"))
    if sigterm_call is not None and file_search(ctx, _SETS_FLAG) is None:
        edits.append(js_set_flag(ctx, sigterm_call))
    return edits


def _js_guard(ctx: FileContext, handler, guard: list[str]) -> TextEdit | None:
    body = handler.child_by_field_name("body")
    nl, u = ctx.newline, indent_unit(ctx)
    if body is None:
        return None
    if body.type == "statement_block":
        inner = [c for c in body.named_children if c.type != "comment"]
        ind = ctx.indent_at(inner[0].start_byte) if inner else ctx.indent_at(handler.start_byte) + u
        text = nl.join(ind + line for line in guard)
        return ctx.insert(end_of_line_after(ctx, body.children[0].end_byte), nl + text)
    ind = ctx.indent_at(handler.start_byte)
    semi = ";" if uses_semicolons(ctx) else ""
    lines = guard + [f"return {ctx.text_of(body)}{semi}"]
    return ctx.replace(body, "{" + nl + nl.join(ind + u + line for line in lines) + nl + ind + "}")


def js_set_flag(ctx: FileContext, sigterm_call) -> TextEdit:
    """`shuttingDown = true` first in the SIGTERM handler, or in the local function it calls."""
    nl, u, q, semi = ctx.newline, indent_unit(ctx), quote_style(ctx), (";" if uses_semicolons(ctx) else "")
    args = [a for a in sigterm_call.child_by_field_name("arguments").named_children if a.type != "comment"]
    listener = args[1] if len(args) > 1 else None
    target = None
    if listener is not None and listener.type in ("arrow_function", "function_expression", "function"):
        body = listener.child_by_field_name("body")
        if body is not None and body.type == "statement_block":
            target = listener
        elif body is not None and body.type == "call_expression" and body.child_by_field_name("function").type == "identifier":
            target = js_function_named(ctx, ctx.text_of(body.child_by_field_name("function")))
    elif listener is not None and listener.type == "identifier":
        target = js_function_named(ctx, ctx.text_of(listener))
    body = target.child_by_field_name("body") if target is not None else None
    if body is not None and body.type == "statement_block":
        inner = [c for c in body.named_children if c.type != "comment"]
        ind = ctx.indent_at(inner[0].start_byte) if inner else ctx.indent_at(target.start_byte) + u
        return ctx.insert(end_of_line_after(ctx, body.children[0].end_byte), f"{nl}{ind}shuttingDown = true{semi}")
    statement = sigterm_call
    while statement.parent is not None and statement.parent.type != "program":
        statement = statement.parent
    ind = ctx.indent_at(statement.start_byte)
    return ctx.insert(statement.start_byte, f"process.on({q}SIGTERM{q}, () => {{{nl}{ind}{u}shuttingDown = true{semi}"
                                            f"{nl}{ind}}}){semi}{nl}{ind}")


# ------------------------------------------------------------------ HLT003's fix

def readiness_fix(ctx: FileContext, anchor, handler, framework: str) -> Fix | None:
    """HLT003's fix for a readiness route (`anchor`: the registering call or decorated function):
    a shutdown flag the file's SIGTERM handler sets, and a 503 answer while it is set; None when
    the file has no SIGTERM handler to set it or the route is not where a module flag reaches."""
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
    """The function registered for SIGTERM in this file (`signal.signal(signal.SIGTERM, handle)`),
    found once per file: each readiness fix asks, and each asking walked every call."""
    return ctx.memo("readiness.py_sigterm_function", lambda: _find_py_sigterm_function(ctx))


def _find_py_sigterm_function(ctx: FileContext):
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
