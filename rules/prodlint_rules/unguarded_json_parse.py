"""
## What it does
Flags `JSON.parse` of text that comes from the request (`req.body.payload`, `req.query.filter`,
`req.headers[...]`, `await req.text()`, a Lambda `event.body`, Koa's `ctx.request.body`, Hono's
`c.req`) outside any `try`/`catch`, in every framework, including Next.js route handlers; and
`await request.json()` of a Fetch-API request (Next.js route handlers, Hono's `c.req.json()`,
Remix/SvelteKit actions, Workers), which throws the same `SyntaxError` on malformed input.
In Python: `json.loads(request.data)` (Flask), `json.loads(request.body)` (Django),
`json.loads(await request.body())` and `await request.json()` (FastAPI, Starlette), a Lambda's
`json.loads(event["body"])`, outside a `try` with an `except`. (Flask's `request.get_json()`
already answers 400 by itself.)

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
handlers), `{ statusCode: 400, … }` (Lambda). In Python it wraps the assignment in
`try`/`except ValueError` returning `{"error": …}, 400` (Flask), `JsonResponse(…, status=400)`
(Django), raising `HTTPException(status_code=400)` (FastAPI) or returning `JSONResponse(…,
status_code=400)` (Starlette), adding the import when missing. It is unsafe: the response to bad
input changes.

## References
- [MDN: JSON.parse() exceptions](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/JSON/parse#exceptions)
- [RFC 9110: 400 Bad Request](https://www.rfc-editor.org/rfc/rfc9110#name-400-bad-request)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.api import (
    JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Applicability, FileContext, Finding, Fix, Rule, Scope, Severity,
)
from prodlint.appmodel import js_frameworks, py_imports
from prodlint.syntax import (
    enclosing_function, indent_unit, js_declarations, py_assignments, quote_style, unwrap_js, uses_semicolons,
)

RULE = Rule(
    code="ERR005",
    name="unguarded-json-parse",
    category="2",
    scope=Scope.FILE,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.WARNING,
    fix="wrap the parse in try/catch answering 400",
)

_JS_QUERY = """
((call_expression
   function: (member_expression object: (identifier) @obj property: (property_identifier) @prop)
   arguments: (arguments . (_) @arg)) @call
 (#eq? @obj "JSON") (#eq? @prop "parse"))
((await_expression
   (call_expression
     function: (member_expression object: (_) @recv property: (property_identifier) @jprop)
     arguments: (arguments) @jargs)) @jcall
 (#match? @jprop "^(json|formData)$"))
"""
_PY_QUERY = """
((call function: (attribute object: (identifier) @obj attribute: (identifier) @prop)
       arguments: (argument_list . (_) @arg)) @call
 (#match? @obj "^(json|orjson|ujson|simplejson)$") (#eq? @prop "loads"))
((await (call function: (attribute object: (_) @recv attribute: (identifier) @jprop)
              arguments: (argument_list) @jargs)) @jcall
 (#eq? @jprop "json"))
"""
QUERY = {JAVASCRIPT: _JS_QUERY, TYPESCRIPT: _JS_QUERY, TSX: _JS_QUERY, PYTHON: _PY_QUERY}

REQUEST_INPUT = re.compile(
    r"\b(req|request)\.(body|query|params|headers|cookies|rawBody)\b|\b(req|request)\.(text|body)\(\)|"
    r"\bctx\.(request\.(body|rawBody|query)|query|params|req)\b|\bevent\.(body|queryStringParameters)\b|"
    r"\bc\.req\.(text|query|param|header)\b|\bsearchParams\.get\(|\b(req|request)\.get\("
)


PY_REQUEST_INPUT = re.compile(
    r"\b(self\.)?request\.(body|data|stream|get_data\(|body\(\))|\bevent\s*(\[\s*['\"]body['\"]\s*\]|\.get\(\s*['\"]body['\"])"
)
#: receivers of a Fetch-API `Request` whose `.json()` rejects on malformed input
_FETCH_REQUEST = re.compile(r"^(req|request|c\.req|ctx\.req|context\.request|event\.request)$")


#: every finding `check` makes on a language of QUERY is a match of it: the engine skips a file without one
FINDINGS_FROM_MATCHES = True


def check(ctx: FileContext) -> Iterator[Finding]:
    if not ctx.matches:
        return  # the declaration map below costs a file-wide lookup: only pay it for a parse
    if ctx.language == PYTHON:
        yield from _check_python(ctx)
        return
    decls = None
    bound: dict[str, bool] = {}
    for _, caps in ctx.matches:
        if "jcall" in caps:
            node, call = caps["jcall"][0], caps["jcall"][0].named_children[0]
            if not _fetch_request(ctx, caps["recv"][0], caps["jargs"][0]):
                continue
            if ctx.language == PYTHON and ctx.text_of(caps["jprop"][0]) != "json":
                continue
            what = f"`await {ctx.text_of(call)}`"
        else:
            node = call = caps["call"][0]
            decls = js_declarations(ctx) if decls is None else decls
            if not _request_derived(ctx, caps["arg"][0], decls, bound):
                continue
            what = "`JSON.parse` of request input"
        fn = enclosing_function(call)
        if _guarded(call, fn):
            continue
        body = "a malformed form body" if "formData" in what else "malformed JSON"
        yield ctx.finding(node, f"{what} outside try/catch: {body} becomes a 500 instead of a 400",
                          _fix(ctx, node, fn))


def _fetch_request(ctx: FileContext, recv, args) -> bool:
    """`request.json()` of a Fetch-API Request that the enclosing handler received (a parameter,
    or destructured from one: `({ request }) =>`), or Hono's `c.req.json()`."""
    if [a for a in args.named_children if a.type != "comment"]:
        return False
    text = ctx.text_of(recv)
    if not _FETCH_REQUEST.match(text):
        return False
    head = text.split(".")[0]
    fn = enclosing_function(recv)
    while fn is not None:
        params = fn.child_by_field_name("parameters") or fn.child_by_field_name("parameter")
        if params is not None and re.search(rf"(?<![\w.$]){re.escape(head)}(?![\w$])", ctx.text_of(params)):
            return True
        fn = enclosing_function(fn)
    return False


def _request_derived(ctx: FileContext, arg, decls, bound: dict[str, bool]) -> bool:
    """The argument reads request input, itself or through the value a name is declared with
    (`bound`: that answer per name, as a file parses the same name again and again)."""
    text = ctx.text_of(arg)
    if REQUEST_INPUT.search(text):
        return True
    node = unwrap_js(arg)
    if node is None or node.type != "identifier":
        return False
    name = ctx.text_of(node)
    if name not in bound:
        bound[name] = name in decls and REQUEST_INPUT.search(ctx.text_of(decls[name])) is not None
    return bound[name]


def _guarded(call, fn) -> bool:
    """Inside a `try` body that has a `catch`/`except`, or the promise of `.catch(...)`."""
    child, parent = call, call.parent
    while parent is not None and parent != fn:
        if parent.type == "try_statement" and parent.child_by_field_name("body") == child and (
                parent.child_by_field_name("handler") is not None
                or any(c.type == "except_clause" for c in parent.named_children)):
            return True
        if parent.type == "member_expression" and child == parent.child_by_field_name("object") \
                and parent.child_by_field_name("property") is not None \
                and parent.child_by_field_name("property").text in (b"catch", b"then") \
                and parent.parent is not None and parent.parent.type == "call_expression" \
                and len(parent.parent.child_by_field_name("arguments").named_children) >= (
                    1 if parent.child_by_field_name("property").text == b"catch" else 2):
            return True
        child, parent = parent, parent.parent
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
    if names and not names[0] and re.match(r"^\(?\s*\{[^}]*\brequest\b", ctx.text_of(params)):
        return f"return Response.json({error}, {{ status: 400 }})"  # Remix/SvelteKit `({ request })`
    return None


def _fix(ctx: FileContext, call, fn) -> list[Fix]:
    q = quote_style(ctx)
    answer = _answer(ctx, fn, q)
    if answer is None:
        return []
    node = call
    while node.parent is not None and node.parent.type in ("as_expression", "satisfies_expression", "await_expression",
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


# ------------------------------------------------------------------ Python

def _check_python(ctx: FileContext) -> Iterator[Finding]:
    assigned = None
    for _, caps in ctx.matches:
        if "jcall" in caps:
            node = caps["jcall"][0]
            if ctx.text_of(caps["recv"][0]) not in ("request", "self.request") \
                    or not re.search(rb"\b(fastapi|starlette)\b", ctx.source):
                continue
            what = f"`{ctx.text_of(node)}`"
        else:
            node, arg = caps["call"][0], caps["arg"][0]
            text = ctx.text_of(arg)
            if not PY_REQUEST_INPUT.search(text):
                assigned = py_assignments(ctx) if assigned is None else assigned
                value = assigned.get(text) if arg.type == "identifier" else None
                if value is None or not PY_REQUEST_INPUT.search(ctx.text_of(value)):
                    continue
            what = f"`{ctx.text_of(node.child_by_field_name('function'))}` of the request body"
        fn = enclosing_function(node)
        if fn is None or _guarded(node, fn):
            continue
        yield ctx.finding(node, f"{what} outside try/except: malformed JSON becomes a 500 instead of a 400",
                          _py_fix(ctx, node, fn))


def _py_fix(ctx: FileContext, node, fn) -> list[Fix]:
    """`try:` around the assignment holding the parse, answering 400 in the framework's idiom."""
    statement = node.parent
    while statement is not None and statement.type in ("await", "parenthesized_expression"):
        statement = statement.parent
    if statement is None or statement.type != "assignment" or statement.child_by_field_name("right") is None:
        return []
    statement = statement.parent
    if statement is None or statement.type != "expression_statement" or statement.parent is None \
            or statement.parent.type != "block":
        return []
    answer, imported = _py_answer(ctx, fn)
    if answer is None:
        return []
    ind, u, nl = ctx.indent_at(statement.start_byte), indent_unit(ctx), ctx.newline
    text = f"try:{nl}{ind}{u}{ctx.text_of(statement)}{nl}{ind}except ValueError:{nl}{ind}{u}{answer}"
    edits = [ctx.replace(statement, text)]
    if imported:
        edits.insert(0, _py_import(ctx, imported))
    return [ctx.fix("Wrap the parse in try/except answering 400", Applicability.UNSAFE, *edits)]


def _py_answer(ctx: FileContext, fn) -> tuple[str | None, str]:
    """The statement answering 400, and the import line it needs ("" when none)."""
    q = quote_style(ctx)
    imports = py_imports(ctx)
    modules = {m.split(".")[0] for m in imports.values()}
    error = f"{{{q}error{q}: {q}Invalid JSON{q}}}"
    params = fn.child_by_field_name("parameters")
    names = [ctx.text_of(p).split(":")[0].strip() for p in params.named_children] if params is not None else []
    if names[:2] == ["event", "context"]:
        return f"return {{{q}statusCode{q}: 400, {q}body{q}: json.dumps({error})}}", ""
    if "django" in modules:
        need = "" if "JsonResponse" in imports else "from django.http import JsonResponse"
        return f"return JsonResponse({error}, status=400)", need
    if "fastapi" in modules:
        need = "" if "HTTPException" in imports else "from fastapi import HTTPException"
        return f"raise HTTPException(status_code=400, detail={q}Invalid JSON{q})", need
    if "starlette" in modules:
        need = "" if "JSONResponse" in imports else "from starlette.responses import JSONResponse"
        return f"return JSONResponse({error}, status_code=400)", need
    if "flask" in modules or "quart" in modules:
        return f"return {error}, 400", ""
    return None, ""


def _py_import(ctx: FileContext, line: str):
    """`line` after the file's last top-level import."""
    imports = [c for c in ctx.tree.root_node.named_children if c.type in ("import_statement", "import_from_statement")]
    if not imports:
        return ctx.insert(0, line + ctx.newline)
    return ctx.insert(imports[-1].end_byte, ctx.newline + line)
