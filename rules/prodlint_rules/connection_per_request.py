"""
## What it does
Flags a database or cache client created inside a request handler: `new Pool()` (pg),
`mysql.createPool()`/`createConnection()`, `new PrismaClient()`, `mongoose.connect()`,
`new MongoClient()`/`MongoClient.connect()`, `createClient()` (redis), `new Redis()` (ioredis),
`knex()`, `new Sequelize()`; in Python `create_engine()`, `psycopg.connect()`/`psycopg2.connect()`,
`redis.Redis()`, `MongoClient()`, `asyncpg.create_pool()`. A handler is a function passed to a
route or middleware registration (Express, Fastify, Koa, Hono), a `(req, res)` controller, a
Next.js route handler or server action, a NestJS controller method, a Flask/FastAPI route or a
Django view. A client kept in an outer variable (`if (!client) client = new …`,
`globalThis.prisma ??= new PrismaClient()`, `global` in Python), a connection acquired from a
pool (`pool.connect()`, `pool.getConnection()`), serverless HTTP drivers (Neon, Vercel Postgres,
Upstash, PlanetScale) and scripts or tests are left alone.

## Why is this bad?
Each request opens its own connections (a pool opens up to ten) and, unless every path closes
them, leaves them open. Under load the database runs out of connection slots, requests fail with
"too many clients", and managed databases bill for the runaway connection count. Even when the
handler closes what it opened, every request pays the TCP + TLS + authentication handshake.

## Example
```js
app.get("/orders", async (req, res) => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  const { rows } = await pool.query("SELECT * FROM orders");
  res.json(rows);
});
```

Use instead:
```js
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

app.get("/orders", async (req, res) => {
  const { rows } = await pool.query("SELECT * FROM orders");
  res.json(rows);
});
```

## Fix safety
The fix moves the declaration (`const pool = new Pool(...)`, `engine = create_engine(...)`) to
module scope, just before the route it served, and drops the handler's own `pool.end()` /
`prisma.$disconnect()` / `engine.dispose()` statements, which would close the shared client after
the first request. It is offered only when the client is a pool or lazily connecting client
bound by a plain declaration and its arguments use nothing local to the handler (no request
values, no Flask `current_app`); it is safe when nothing had to be dropped, unsafe otherwise.
Single connections (`psycopg.connect()`, `MongoClient.connect()`, `mongoose.connect()`) get no
fix: they need a pool or a cached helper.

## References
- [node-postgres: pooling](https://node-postgres.com/features/pooling)
- [Prisma: instantiating PrismaClient (one instance)](https://www.prisma.io/docs/orm/prisma-client/setup-and-configuration/instantiate-prisma-client)
- [SQLAlchemy: engine configuration ("once per process")](https://docs.sqlalchemy.org/en/20/core/connections.html#basic-usage)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.api import (
    JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Applicability, FileContext, Finding, Fix, Rule, Scope, Severity,
)
from prodlint.appmodel import js_imports, js_receiver_framework, py_imports
from prodlint.syntax import callee_text, string_content, walk_types

RULE = Rule(
    code="DB001",
    name="connection-per-request",
    category="+",
    scope=Scope.FILE,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.WARNING,
    fix="hoist the client to module scope",
)

_JS = """
((new_expression constructor: [(identifier) @_name (member_expression property: (property_identifier) @_name)])
  @client
 (#match? @_name "(Pool|PrismaClient|MongoClient|Redis|Sequelize|Cluster)$"))
((call_expression function: [(identifier) @_name (member_expression property: (property_identifier) @_name)])
  @client
 (#match? @_name "^(connect|createConnection|createClient|createPool|createCluster|knex|Knex)$"))
"""
# The predicates test the callee's last name, never the whole callee text: a `#match?` on
# `function: (_)` reads the text of every call's callee (long chains included) and cost as much
# as half a walk of the tree.
QUERY = {
    JAVASCRIPT: _JS, TYPESCRIPT: _JS, TSX: _JS,
    PYTHON: """
((call function: [(identifier) @_name (attribute attribute: (identifier) @_name)]) @client
 (#match? @_name "^(create_engine|create_async_engine|connect|Redis|StrictRedis|from_url|MongoClient|AsyncIOMotorClient|create_pool)$"))
""",
}

LAZY, EAGER, NO_FIX = "lazy", "eager", ""
#: (callee pattern, modules it must come from, label, hoisting: LAZY (connects on first use: safe to
#: hoist), EAGER (connects when created: hoisting moves that to startup), NO_FIX (a single connection))
_JS_CLIENTS: list[tuple[re.Pattern[str], tuple[str, ...], str, str]] = [
    (re.compile(r"^new (\w+\.)?Pool$"), ("pg", "pg-pool", "mysql2", "mysql2/promise", "mysql", "mariadb"), "pool", LAZY),
    (re.compile(r"^(\w+\.)?createPool$"), ("mysql2", "mysql2/promise", "mysql", "mariadb"), "pool", LAZY),
    (re.compile(r"^(\w+\.)?createConnection$"), ("mysql2", "mysql2/promise", "mysql", "mariadb", "mongoose"),
     "connection", NO_FIX),
    (re.compile(r"^new (\w+\.)?PrismaClient$"), ("prisma",), "Prisma client", LAZY),
    (re.compile(r"^(\w+\.)?connect$"), ("mongoose",), "mongoose connection", NO_FIX),
    (re.compile(r"^new (\w+\.)?MongoClient$"), ("mongodb",), "MongoDB client", LAZY),
    (re.compile(r"^(\w+\.)?MongoClient\.connect$"), ("mongodb",), "MongoDB connection", NO_FIX),
    (re.compile(r"^(\w+\.)?(createClient|createCluster)$"), ("redis", "@redis/client"), "Redis client", NO_FIX),
    (re.compile(r"^new (\w+\.)?(Redis|Cluster)$"), ("ioredis",), "Redis client", EAGER),
    (re.compile(r"^(knex|Knex)$"), ("knex",), "knex pool", LAZY),
    (re.compile(r"^new (\w+\.)?Sequelize$"), ("sequelize", "sequelize-typescript"), "Sequelize pool", LAZY),
]
_PY_CLIENTS: list[tuple[re.Pattern[str], tuple[str, ...], str, str]] = [
    (re.compile(r"^(create_engine|create_async_engine)$"), ("sqlalchemy",), "SQLAlchemy engine", LAZY),
    (re.compile(r"^connect$"), ("psycopg", "psycopg2", "pymysql", "MySQLdb", "mysql.connector"), "connection", NO_FIX),
    (re.compile(r"^(Redis|StrictRedis|from_url)$"), ("redis",), "Redis client", LAZY),
    (re.compile(r"^(MongoClient|AsyncIOMotorClient)$"), ("pymongo", "motor"), "MongoDB client", LAZY),
    (re.compile(r"^create_pool$"), ("asyncpg", "aiomysql", "psycopg_pool"), "pool", NO_FIX),
]
#: close calls a hoisted shared client must no longer make per request
_CLOSE = re.compile(r"^(end|\$disconnect|disconnect|close|quit|dispose|destroy)$")
_HTTP_METHODS = {"get", "post", "put", "patch", "delete", "del", "all", "use", "head", "options", "route", "handle"}
_REQ = re.compile(r"^_?(req|request)$")
_RES = re.compile(r"^_?(res|response|reply)$")
_NEXT_ROUTE = re.compile(r"(^|/)(src/)?(app/(.*/)?route|pages/api/.*|middleware)\.[cm]?[jt]sx?$")
_NEXT_EXPORTS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "default"}
_NEST_DECORATORS = re.compile(r"^@(Get|Post|Put|Patch|Delete|All|Head|Options)\b")
_PY_ROUTE_DECORATOR = re.compile(r"^@\w+(\.\w+)*\.(route|get|post|put|patch|delete|api_route|websocket)\(|^@api_view\b")
_PY_CONTEXT_LOCALS = {"request", "current_app", "g", "session"}
_CACHE_CONDITION = re.compile(r"readyState|[cC]onnected|[cC]onnection|[cC]ached|\bconn\b|"
                              r"(!|\bnot\s+)[\w.]*([cC]lient|[pP]ool|[dD]b|[eE]ngine|[iI]nstance)\b|"
                              r"(?<![\w.])[\w.]*([cC]lient|[pP]ool|[dD]b|[eE]ngine)\s+is\s+None")


#: every finding `check` makes on a language of QUERY is a match of it: the engine skips a file without one
FINDINGS_FROM_MATCHES = True


def check(ctx: FileContext) -> Iterator[Finding]:
    if ctx.tree is None or ctx.role.non_production:
        return
    for node in ctx.captures("client"):
        kind = _client_kind(ctx, node)
        if kind is None:
            continue
        label, hoisting = kind
        handler = _handler_of(ctx, node)
        if handler is None or _cached(ctx, node, handler):
            continue
        name = callee_text(ctx, node)
        shown = ("new " if node.type == "new_expression" else "") + name + "()"
        fix = _fix(ctx, node, handler, hoisting) if hoisting else None
        yield ctx.finding(node, f"`{shown}` runs inside a request handler: every request opens a new {label} "
                                f"to the database (create it once, at module scope)", [fix] if fix else [])


# ------------------------------------------------------------------ what is a client

def _client_kind(ctx: FileContext, node) -> tuple[str, str] | None:
    name = callee_text(ctx, node)
    if ctx.language == PYTHON:
        imports = py_imports(ctx)
        head = name.split(".")[0]
        module = imports.get(head, head if "." in name else "")
        short = name.rpartition(".")[2]
        for pattern, modules, label, fixable in _PY_CLIENTS:
            if pattern.match(short) and any(module == m or module.startswith(m + ".") for m in modules):
                if short == "connect" and "." not in name and not module.endswith(".connect"):
                    continue
                return label, fixable
        return None
    full = ("new " if node.type == "new_expression" else "") + name
    if ".connect" in name and _acquires(ctx, node):
        return None
    imports = js_imports(ctx)
    head = name.split(".")[0].split("(")[0]
    module = imports.get(head, "")
    for pattern, modules, label, fixable in _JS_CLIENTS:
        if not pattern.match(full):
            continue
        if modules == ("prisma",) and ("prisma" in module.lower() or module.startswith((".", "@/", "~/"))):
            return label, fixable
        if module in modules:
            return label, fixable
    return None


def _acquires(ctx: FileContext, node) -> bool:
    """`pool.connect()`, `db.connect()`: a connection taken from an existing pool."""
    name = callee_text(ctx, node)
    head = name.split(".")[0]
    return head not in ("mongoose", "MongoClient") and not name.endswith("MongoClient.connect")


# ------------------------------------------------------------------ what is a request handler

def _handler_of(ctx: FileContext, node):
    """The outermost request handler enclosing `node`, else None."""
    found = None
    current = node.parent
    while current is not None:
        if current.type in _FUNCTIONS and _is_handler(ctx, current):
            found = current
        current = current.parent
    return found


_FUNCTIONS = {"arrow_function", "function_expression", "function_declaration", "method_definition", "function",
              "function_definition", "generator_function_declaration"}


def _is_handler(ctx: FileContext, fn) -> bool:
    if ctx.language == PYTHON:
        return _py_handler(ctx, fn)
    params = fn.child_by_field_name("parameters")
    names = [_param_name(ctx, p) for p in params.named_children if p.type != "comment"] if params is not None else []
    if len(names) >= 2 and _REQ.match(names[0] or "") and _RES.match(names[1] or ""):
        return True
    call = _route_call(ctx, fn)
    if call is not None:
        return True
    if fn.type == "method_definition":
        return _nest_route(ctx, fn)
    return _next_handler(ctx, fn)


def _param_name(ctx: FileContext, node) -> str | None:
    if node.type in ("required_parameter", "optional_parameter"):
        node = node.child_by_field_name("pattern") or node
    return ctx.text_of(node) if node.type == "identifier" else None


def _route_call(ctx: FileContext, fn):
    """The route/middleware registration `fn` is passed to (directly or through one wrapper:
    `asyncHandler(async (req, res) => …)`)."""
    node = fn
    for _ in range(2):
        args = node.parent
        if args is None or args.type != "arguments":
            return None
        call = args.parent
        callee = call.child_by_field_name("function")
        if callee is not None and callee.type == "member_expression":
            method = ctx.text_of(callee.child_by_field_name("property"))
            if method in _HTTP_METHODS:
                first = next((a for a in args.named_children if a.type != "comment"), None)
                path_arg = first is not None and first.type in ("string", "template_string") \
                    and string_content(ctx, first).startswith("/")
                if path_arg or js_receiver_framework(ctx, callee.child_by_field_name("object")) is not None:
                    return call
        node = call
    return None


def _nest_route(ctx: FileContext, method) -> bool:
    prev = method.prev_named_sibling
    while prev is not None and prev.type == "decorator":
        if _NEST_DECORATORS.match(ctx.text_of(prev)):
            return True
        prev = prev.prev_named_sibling
    return False


def _next_handler(ctx: FileContext, fn) -> bool:
    """An exported route handler of a Next.js route file (`export async function POST`), or an
    exported function of a `"use server"` file (server actions)."""
    export = fn.parent
    if export is not None and export.type == "variable_declarator":
        name = ctx.text_of(export.child_by_field_name("name"))
        export = export.parent.parent if export.parent is not None else None
    else:
        name = ctx.text_of(fn.child_by_field_name("name")) if fn.child_by_field_name("name") is not None else "default"
    if export is None or export.type != "export_statement" or export.parent is None or export.parent.type != "program":
        return False
    if _NEXT_ROUTE.search(ctx.relpath):
        return name in _NEXT_EXPORTS or "default" in ctx.text_of(export)[:20]
    return _use_server(ctx) and _is_async(fn)


def _use_server(ctx: FileContext) -> bool:
    first = next((c for c in ctx.tree.root_node.named_children if c.type != "comment"), None)
    return first is not None and first.type == "expression_statement" \
        and ctx.text_of(first).strip(";").strip() in ('"use server"', "'use server'")


def _is_async(fn) -> bool:
    return any(c.type == "async" for c in fn.children)


def _py_handler(ctx: FileContext, fn) -> bool:
    if fn.type != "function_definition":
        return False
    holder = fn.parent
    if holder is not None and holder.type == "decorated_definition":
        if any(_PY_ROUTE_DECORATOR.match(ctx.text_of(d)) for d in holder.named_children if d.type == "decorator"):
            return True
    params = fn.child_by_field_name("parameters")
    names = [ctx.text_of(p).split(":")[0].split("=")[0].strip() for p in params.named_children] if params else []
    if not re.search(r"(^|/)views(\.py$|/)", ctx.relpath):
        return False
    if names[:1] == ["request"]:
        return True
    return names[:2] == ["self", "request"] and ctx.text_of(fn.child_by_field_name("name")) in (
        "get", "post", "put", "patch", "delete", "list", "create", "retrieve", "update", "destroy", "dispatch")


# ------------------------------------------------------------------ cached clients

def _cached(ctx: FileContext, node, handler) -> bool:
    """Kept in an outer variable (`client ??= new …`, `if (!pool) pool = new Pool()`,
    `global engine; engine = create_engine(…)`), the fallback of a cache (`global.prisma || new
    PrismaClient()`), or created only when a connection check says so."""
    value = node
    while value.parent is not None and value.parent.type in ("await_expression", "await", "parenthesized_expression",
                                                             "as_expression", "non_null_expression"):
        value = value.parent
    parent = value.parent
    if parent is None:
        return False
    if parent.type in ("binary_expression", "boolean_operator") and parent.child_by_field_name("left") != value:
        return True
    if parent.type in ("assignment_expression", "augmented_assignment_expression", "assignment",
                       "augmented_assignment"):
        target = parent.child_by_field_name("left")
        name = ctx.text_of(target)
        if target.type != "identifier" or ctx.language == PYTHON and _py_global(ctx, handler, name):
            return True  # this.client = …, g.db = …, global.prisma = …
        if ctx.language != PYTHON and name not in _local_names(ctx, handler):
            return True
    for ancestor in _ancestors_until(value, handler):
        if ancestor.type in ("if_statement", "ternary_expression", "conditional_expression"):
            cond = ancestor.child_by_field_name("condition")
            if cond is not None and _CACHE_CONDITION.search(ctx.text_of(cond)):
                return True
    return False


def _ancestors_until(node, stop):
    current = node.parent
    while current is not None and current != stop:
        yield current
        current = current.parent


def _py_global(ctx: FileContext, fn, name: str) -> bool:
    return any(name in ctx.text_of(g).replace(",", " ").split()
               for g in walk_types(fn, {"global_statement", "nonlocal_statement"}))


def _local_names(ctx: FileContext, fn) -> set[str]:
    """Names bound inside a JS function: parameters and declarations."""
    names = set()
    params = fn.child_by_field_name("parameters")
    if params is not None:
        names |= {ctx.text_of(i) for i in walk_types(params, {"identifier", "shorthand_property_identifier_pattern"})}
    for decl in walk_types(fn, {"variable_declarator"}):
        names |= {ctx.text_of(i) for i in walk_types(decl.child_by_field_name("name"),
                                                     {"identifier", "shorthand_property_identifier_pattern"})} \
            if decl.child_by_field_name("name").type != "identifier" else {ctx.text_of(decl.child_by_field_name("name"))}
    for decl in walk_types(fn, {"function_declaration", "class_declaration"}):
        if decl != fn and decl.child_by_field_name("name") is not None:
            names.add(ctx.text_of(decl.child_by_field_name("name")))
    return names


def _py_local_names(ctx: FileContext, fn) -> set[str]:
    names = set(_PY_CONTEXT_LOCALS)
    params = fn.child_by_field_name("parameters")
    if params is not None:
        names |= {ctx.text_of(i) for i in walk_types(params, {"identifier"})}
    for assign in walk_types(fn, {"assignment", "for_statement", "with_item", "as_pattern"}):
        left = assign.child_by_field_name("left") or assign.child_by_field_name("alias")
        if left is not None:
            names |= {ctx.text_of(i) for i in walk_types(left, {"identifier"})} | (
                {ctx.text_of(left)} if left.type == "identifier" else set())
    return names


# ------------------------------------------------------------------ the fix

def _fix(ctx: FileContext, node, handler, hoisting: str) -> Fix | None:
    statement, name = _declaration(ctx, node, handler)
    if statement is None or name in _module_names(ctx) or _bound_elsewhere(ctx, name, statement):
        return None
    args = node.child_by_field_name("arguments")
    used = {ctx.text_of(i) for i in walk_types(args, {"identifier"})} if args is not None else set()
    local = _py_local_names(ctx, handler) if ctx.language == PYTHON else _local_names(ctx, handler)
    if used & (local - {name}) or (ctx.language != PYTHON and _uses_this(args)) \
            or args is not None and any(True for _ in walk_types(args, {"await_expression", "await", "yield"})):
        return None
    closes = _close_statements(ctx, handler, name)
    if closes is None:
        return None
    top = _top_statement(handler)
    indent = ctx.indent_at(statement.start_byte)
    lines = ctx.text_of(statement).split("\n")
    text = "\n".join([lines[0]] + [line[len(indent):] if line.startswith(indent) else line for line in lines[1:]])
    text += _trailing_comment(ctx, statement)
    nl = ctx.newline
    blank = nl * (2 if ctx.language == PYTHON else 1)
    edits = [ctx.insert(top.start_byte, text.rstrip("\r") + nl + blank), _delete_line(ctx, statement)]
    edits += [_drop_statement(ctx, s) for s in closes]
    safe = hoisting == LAZY and not closes
    return ctx.fix(f"Create `{name}` once, at module scope", Applicability.SAFE if safe else Applicability.UNSAFE,
                   *edits)


def _top_statement(node):
    """The top-level statement holding `node`, with the comments right above it."""
    top = node
    while top.parent is not None and top.parent.type not in ("program", "module"):
        top = top.parent
    while top.prev_sibling is not None and top.prev_sibling.type == "comment" \
            and top.prev_sibling.end_point[0] + 1 == top.start_point[0]:
        top = top.prev_sibling
    return top


def _bound_elsewhere(ctx: FileContext, name: str, statement) -> bool:
    """`name` is bound by another declaration of the file too (two hoisted clients would clash)."""
    for node in _bindings_by_name(ctx).get(name, ()):
        if node.parent != statement and node.parent.parent != statement:
            return True
    return False


def _bindings_by_name(ctx: FileContext) -> dict[str, list]:
    """The file's declarators (assignments) by the name they bind, in document order: asked per
    finding, and a walk of the file per finding made a file of many handlers quadratic."""
    def build() -> dict[str, list]:
        kinds = {"assignment"} if ctx.language == PYTHON else {"variable_declarator"}
        field = "left" if ctx.language == PYTHON else "name"
        out: dict[str, list] = {}
        for node in walk_types(ctx.tree.root_node, kinds, ctx):
            target = node.child_by_field_name(field)
            if target is not None:
                out.setdefault(ctx.text_of(target), []).append(node)
        return out
    return ctx.memo("connection_per_request.bindings", build)


def _module_names(ctx: FileContext) -> set[str]:
    """Names bound at the top level of the file (a hoisted declaration must not clash); once per
    file, as every finding asks."""
    return ctx.memo("connection_per_request.module_names", lambda: _top_level_names(ctx))


def _top_level_names(ctx: FileContext) -> set[str]:
    names = set(js_imports(ctx)) if ctx.language != PYTHON else set(py_imports(ctx))
    for child in ctx.tree.root_node.named_children:
        if child.type in ("lexical_declaration", "variable_declaration"):
            names |= {ctx.text_of(d.child_by_field_name("name")) for d in child.named_children
                      if d.type == "variable_declarator"}
        elif child.type in ("function_declaration", "class_declaration", "function_definition", "class_definition"):
            names.add(ctx.text_of(child.child_by_field_name("name")))
        elif child.type == "expression_statement" and child.named_children \
                and child.named_children[0].type == "assignment":
            names.add(ctx.text_of(child.named_children[0].child_by_field_name("left")))
    return names


def _uses_this(node) -> bool:
    return node is not None and any(True for _ in walk_types(node, {"this"}))


def _declaration(ctx: FileContext, node, handler):
    """(statement, name) of `const name = <node>` / `name = <node>` directly in the handler's body."""
    value = node
    if value.parent is not None and value.parent.type in ("await_expression", "await"):
        return None, ""
    parent = value.parent
    if ctx.language == PYTHON:
        if parent is None or parent.type != "assignment" or parent.child_by_field_name("left").type != "identifier":
            return None, ""
        statement = parent.parent
    else:
        if parent is None or parent.type != "variable_declarator" or parent.child_by_field_name("name").type != "identifier":
            return None, ""
        statement = parent.parent
        if statement is None or len([c for c in statement.named_children if c.type == "variable_declarator"]) != 1:
            return None, ""
    body = handler.child_by_field_name("body")
    if statement is None or statement.parent != body or ctx.language != PYTHON and \
            statement.type not in ("lexical_declaration", "variable_declaration"):
        return None, ""
    name_node = parent.child_by_field_name("left") if ctx.language == PYTHON else parent.child_by_field_name("name")
    return statement, ctx.text_of(name_node)


def _close_statements(ctx: FileContext, handler, name: str):
    """Statements of the handler that close `name` (`await pool.end();`), each a statement of its
    own; None when `name` is closed some other way (the fix would change too much)."""
    out = []
    for call in walk_types(handler, {"call_expression", "call"}):
        callee = callee_text(ctx, call)
        obj, _, method = callee.rpartition(".")
        if obj != name or not _CLOSE.match(method):
            continue
        statement = call.parent
        while statement is not None and statement.type in ("await_expression", "await"):
            statement = statement.parent
        if statement is None or statement.type != "expression_statement":
            return None
        out.append(statement)
    return out


def _drop_statement(ctx: FileContext, statement):
    """Delete a close statement; in Python a block it leaves empty gets `pass`."""
    block = statement.parent
    if ctx.language == PYTHON and block is not None and \
            len([c for c in block.named_children if c.type != "comment"]) == 1:
        return ctx.replace(statement, "pass")
    return _delete_line(ctx, statement)


def _trailing_comment(ctx: FileContext, statement) -> str:
    """A `// …` / `# …` comment after the statement on its last line (it moves with it)."""
    end = ctx.source.find(b"\n", statement.end_byte)
    rest = ctx.source[statement.end_byte:len(ctx.source) if end < 0 else end].decode("utf-8", "replace").rstrip()
    return rest if rest.strip().startswith(("//", "#")) else ""


def _delete_line(ctx: FileContext, statement):
    """Delete a statement with its line (indent and line ending) when it is alone on it."""
    start, end = statement.start_byte, statement.end_byte
    line_start = ctx.source.rfind(b"\n", 0, start) + 1
    line_end = ctx.source.find(b"\n", end)
    line_end = len(ctx.source) if line_end < 0 else line_end + 1
    before = ctx.source[line_start:start].strip()
    after = ctx.source[end:line_end].strip()
    if not before and (not after or after.startswith((b"//", b"#"))):
        return ctx.replace(ctx.span_of(line_start, line_end), "")
    return ctx.replace(statement, "")
