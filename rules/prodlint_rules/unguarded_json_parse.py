"""
## What it does
Flags `JSON.parse` of text that comes from the request (`req.body.payload`, `req.query.filter`,
`req.headers[...]`, `await req.text()`, a Lambda `event.body`, Koa's `ctx.request.body`, Hono's
`c.req`) outside any `try`/`catch`, in every framework, including Next.js route handlers.

## Why is this bad?
Anyone can send malformed JSON. Unguarded, the `SyntaxError` becomes a 500 (logged as a server
fault, paging whoever is on call), or in an Express 4 async handler a request that never answers
or a crashed process, where the right answer was a 400 telling the client its input is wrong.

## Example
```js
export async function POST(req) {
  const event = JSON.parse(await req.text());
  …
}
```

Use instead:
```js
export async function POST(req) {
  let event;
  try {
    event = JSON.parse(await req.text());
  } catch {
    return Response.json({ error: "Invalid JSON" }, { status: 400 });
  }
  …
}
```

## Fix safety
When the parse initialises a variable (`const data = JSON.parse(…)`), the fix declares it with
`let` and wraps the parse in `try`/`catch` answering 400 in the handler's idiom:
`res.status(400).json(…)` (Express), `reply.code(400).send(…)` (Fastify), `ctx.throw(400, …)`
(Koa), `c.json(…, 400)` (Hono), `Response.json(…, { status: 400 })` (Next.js and other Fetch-API
handlers), `{ statusCode: 400, … }` (Lambda). It is unsafe: the response to bad input changes.

## References
- [MDN: JSON.parse() exceptions](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/JSON/parse#exceptions)
- [RFC 9110: 400 Bad Request](https://www.rfc-editor.org/rfc/rfc9110#name-400-bad-request)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.api import (
    JAVASCRIPT, TSX, TYPESCRIPT, Applicability, FileContext, Finding, Fix, Rule, Scope, Severity, enclosing_function,
    indent_unit, js_declarations, js_frameworks, quote_style, unwrap_js, uses_semicolons,
)

RULE = Rule(
    code="ERR005",
    name="unguarded-json-parse",
    category="2",
    scope=Scope.FILE,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX}),
    severity=Severity.WARNING,
    fix="wrap the parse in try/catch answering 400",
)

QUERY = """
((call_expression
   function: (member_expression object: (identifier) @obj property: (property_identifier) @prop)
   arguments: (arguments . (_) @arg)) @call
 (#eq? @obj "JSON") (#eq? @prop "parse"))
"""

REQUEST_INPUT = re.compile(
    r"\b(req|request)\.(body|query|params|headers|cookies|rawBody)\b|\b(req|request)\.(text|body)\(\)|"
    r"\bctx\.(request\.(body|rawBody|query)|query|params|req)\b|\bevent\.(body|queryStringParameters)\b|"
    r"\bc\.req\.(text|query|param|header)\b|\bsearchParams\.get\(|\b(req|request)\.get\("
)


def check(ctx: FileContext) -> Iterator[Finding]:
    if not ctx.matches:
        return  # the declaration map below costs a file-wide lookup: only pay it for a JSON.parse
    decls = js_declarations(ctx)
    for _, caps in ctx.matches:
        call, arg = caps["call"][0], caps["arg"][0]
        if not _request_derived(ctx, arg, decls):
            continue
        fn = enclosing_function(call)
        if _guarded(call, fn):
            continue
        yield ctx.finding(call, "`JSON.parse` of request input outside try/catch: malformed JSON becomes a 500 "
                                "instead of a 400", _fix(ctx, call, fn))


def _request_derived(ctx: FileContext, arg, decls) -> bool:
    text = ctx.text_of(arg)
    if REQUEST_INPUT.search(text):
        return True
    node = unwrap_js(arg)
    if node is not None and node.type == "identifier" and ctx.text_of(node) in decls:
        return bool(REQUEST_INPUT.search(ctx.text_of(decls[ctx.text_of(node)])))
    return False


def _guarded(call, fn) -> bool:
    child, parent = call, call.parent
    while parent is not None and parent != fn:
        if parent.type == "try_statement" and parent.child_by_field_name("body") == child \
                and parent.child_by_field_name("handler") is not None:
            return True
        if parent.type == "call_expression" and child == parent.child_by_field_name("function"):
            pass
        child, parent = parent, parent.parent
    # `.catch()` on a promise chain holding the parse
    return False


def _answer(ctx: FileContext, fn, q: str) -> str | None:
    """The statement answering 400 in the handler's own idiom, None when the handler is unknown."""
    if fn is None:
        return None
    params = fn.child_by_field_name("parameters")
    names = []
    for p in params.named_children if params is not None else ():
        node = p.child_by_field_name("pattern") if p.type in ("required_parameter", "optional_parameter") else p
        names.append(ctx.text_of(node) if node is not None and node.type == "identifier" else "")
    if fn.type == "arrow_function" and fn.child_by_field_name("parameter") is not None:
        names = [ctx.text_of(fn.child_by_field_name("parameter"))]
    error = f"{{ error: {q}Invalid JSON{q} }}"
    frameworks = js_frameworks(ctx)
    if len(names) >= 2 and names[1] in ("res", "response"):
        return f"return {names[1]}.status(400).json({error})"
    if len(names) >= 2 and names[1] == "reply":
        return f"return reply.code(400).send({error})"
    if names and names[0] == "ctx" and ("koa" in frameworks or "ctx.body" in ctx.text):
        return f"ctx.throw(400, {q}Invalid JSON{q})"
    if names and names[0] == "c" and "hono" in frameworks:
        return f"return c.json({error}, 400)"
    if names and names[0] == "event":
        return f"return {{ statusCode: 400, body: JSON.stringify({error}) }}"
    if names and names[0] in ("req", "request") and len(names) == 1:
        return f"return Response.json({error}, {{ status: 400 }})"
    return None


def _fix(ctx: FileContext, call, fn) -> list[Fix]:
    q = quote_style(ctx)
    answer = _answer(ctx, fn, q)
    if answer is None:
        return []
    node = call
    while node.parent is not None and node.parent.type in ("as_expression", "satisfies_expression",
                                                           "parenthesized_expression", "non_null_expression"):
        node = node.parent
    declarator = node.parent
    if declarator is None or declarator.type != "variable_declarator" or declarator.child_by_field_name("value") != node:
        return []
    name = declarator.child_by_field_name("name")
    statement = declarator.parent
    if name.type != "identifier" or statement is None or statement.type not in ("lexical_declaration",
                                                                                  "variable_declaration") \
            or len([c for c in statement.named_children if c.type == "variable_declarator"]) != 1:
        return []
    typ = declarator.child_by_field_name("type")
    ind, u, nl = ctx.indent_at(statement.start_byte), indent_unit(ctx), ctx.newline
    semi = ";" if uses_semicolons(ctx) else ""
    var = ctx.text_of(name)
    declared = f"let {var}{ctx.text_of(typ) if typ is not None else ''}{semi}"
    text = (f"{declared}{nl}{ind}try {{{nl}{ind}{u}{var} = {ctx.text_of(node)}{semi}{nl}{ind}}} catch {{{nl}"
            f"{ind}{u}{answer}{semi}{nl}{ind}}}")
    end = statement.end_byte
    if statement.children[-1].type == "comment":  # a trailing comment the grammar put inside it
        end = statement.children[-2].end_byte
    return [ctx.fix("Wrap the parse in try/catch answering 400", Applicability.UNSAFE,
                    ctx.replace(ctx.span_of(statement.start_byte, end), text))]
