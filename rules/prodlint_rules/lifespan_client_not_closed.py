"""
## What it does
Flags a FastAPI/Starlette `lifespan` that creates a database or HTTP client before its `yield`
(a SQLAlchemy engine from `create_engine`/`create_async_engine`, an `asyncpg` pool, a Motor
client, an `httpx.AsyncClient`, a redis client) and never closes it: nothing after the `yield`,
and no `dispose()`/`close()`/`aclose()` of it anywhere in the file. A client opened with
`async with` is closed by it and left alone, as is a shutdown that calls a helper (`await
close_db()`).

## Why is this bad?
The code after a lifespan's `yield` is the app's shutdown. An engine that is never disposed keeps
its pooled connections open until the process is killed: the database sees them drop without a
goodbye (server log noise, connection slots held until its timeout), rolling deploys briefly
double the connection count, and asyncio warns about unclosed transports.

## Example
```python
@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.engine = create_async_engine(os.environ["DATABASE_URL"])
    yield
```

Use instead:
```python
@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.engine = create_async_engine(os.environ["DATABASE_URL"])
    yield
    await app.state.engine.dispose()
```

## Fix safety
The fix adds the client's own close call after the `yield` (inside the `finally` when the `yield`
sits in a `try` with one): `await engine.dispose()` for an async engine, `engine.dispose()` for a
sync one, `await pool.close()` (asyncpg), `client.close()` (Motor), `await client.aclose()`
(httpx). It is safe: it only runs at shutdown. Redis clients get no fix (`close()` vs `aclose()`
depends on the redis-py version).

## References
- [FastAPI: lifespan events](https://fastapi.tiangolo.com/advanced/events/)
- [SQLAlchemy: engine disposal](https://docs.sqlalchemy.org/en/20/core/connections.html#engine-disposal)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.api import PYTHON, Applicability, FileContext, Finding, Fix, Rule, Scope, Severity
from prodlint.appmodel import py_imports
from prodlint.syntax import py_call_name, walk_types

RULE = Rule(
    code="SIG003",
    name="lifespan-client-not-closed",
    category="7",
    scope=Scope.FILE,
    targets=frozenset({PYTHON}),
    severity=Severity.WARNING,
    fix="close the client after the lifespan's yield",
)

QUERY = """
((decorated_definition (decorator) @dec definition: (function_definition) @fn)
 (#match? @dec "asynccontextmanager"))
"""

# callee (last dotted part) -> (label, close statement with {n}, module the callee must come from)
CLIENTS = {
    "create_async_engine": ("SQLAlchemy engine", "await {n}.dispose()", "sqlalchemy"),
    "create_engine": ("SQLAlchemy engine", "{n}.dispose()", "sqlalchemy"),
    "create_pool": ("asyncpg pool", "await {n}.close()", "asyncpg"),
    "AsyncIOMotorClient": ("Motor client", "{n}.close()", "motor"),
    "AsyncClient": ("httpx client", "await {n}.aclose()", "httpx"),
    "Redis": ("redis client", "", "redis"),
    "from_url": ("redis client", "", "redis"),
}
_CLEANUP = re.compile(r"(close|dispose|shutdown|disconnect|stop|cleanup|clean_up|teardown|release|terminate)", re.I)
_NESTED = {"function_definition", "lambda", "class_definition"}


#: every finding `check` makes on a language of QUERY is a match of it: the engine skips a file without one
FINDINGS_FROM_MATCHES = True


def check(ctx: FileContext) -> Iterator[Finding]:
    if not ctx.matches or not re.search(rb"\b(fastapi|starlette)\b", ctx.source):
        return
    imports = py_imports(ctx)
    for _, caps in ctx.matches:
        fn = caps["fn"][0]
        body = fn.child_by_field_name("body")
        yields = [y for y in _own(body, {"yield"}, ctx)]
        if body is None or not yields:
            continue
        statement = _statement(yields[0])
        if statement is None:
            continue
        clients = []
        for assignment in _own(body, {"assignment"}, ctx):
            found = _client(ctx, assignment, imports) if assignment.start_byte < statement.start_byte else None
            if found is not None:
                clients.append((assignment, *found))
        cleanups = _cleanups_after(ctx, body, statement)
        names = {name for _, name, _ in clients}
        others = [(f.start_byte, f.end_byte) for _, c in ctx.matches for f in c["fn"] if f != fn] if clients else []
        for assignment, name, (label, close, _) in clients:
            if _closed(ctx, name, names, cleanups, others):
                continue
            fixes = [_fix(ctx, statement, close.format(n=name))] if close else []
            yield ctx.finding(assignment, f"{label} `{name}` created in the lifespan is never closed: its "
                                          f"connections are dropped, not closed, at shutdown", fixes)


def _own(body, types, ctx) -> Iterator:
    """Nodes of `types` in `body`, outside nested functions and classes."""
    if body is None:
        return
    for node in walk_types(body, types, ctx):
        parent = node.parent
        while parent is not None and parent != body and parent.type not in _NESTED:
            parent = parent.parent
        if parent == body:
            yield node


def _statement(node):
    while node is not None and node.type != "expression_statement":
        node = node.parent
    return node


def _client(ctx: FileContext, assignment, imports):
    left, right = assignment.child_by_field_name("left"), assignment.child_by_field_name("right")
    if left is None or right is None or left.type not in ("identifier", "attribute"):
        return None
    callee = py_call_name(ctx, right)
    last = callee.rpartition(".")[2]
    spec = CLIENTS.get(last)
    if spec is None:
        return None
    head = callee.split(".")[0]
    module = imports.get(head, head)
    if not module.split(".")[0] == spec[2] and not (spec[2] == "redis" and "redis" in module):
        return None
    return ctx.text_of(left), spec


def _cleanups_after(ctx: FileContext, body, statement) -> list[str]:
    """Callees after the yield (or in the `finally` around it) that close, dispose or shut down."""
    return [name for call in _own(body, {"call"}, ctx)
            if (call.start_byte > statement.end_byte or _in_finally(call, body))
            and _CLEANUP.search(name := py_call_name(ctx, call))]


def _in_finally(node, body) -> bool:
    while node is not None and node != body:
        if node.type == "finally_clause":
            return True
        node = node.parent
    return False


def _closed(ctx: FileContext, name: str, names: set[str], cleanups: list[str], others) -> bool:
    """Closed by a call on it after the yield, by a shutdown helper (a cleanup call on none of the
    lifespan's other clients), or by a close/dispose of it elsewhere in the file (a shutdown hook;
    not another lifespan, which closes its own)."""
    for callee in cleanups:
        receiver = callee.rpartition(".")[0]
        if receiver == name or receiver not in names:
            return True
    for at in _close_calls(ctx, name):
        if not any(start <= at < end for start, end in others):
            return True
    return False


def _close_calls(ctx: FileContext, name: str) -> list[int]:
    """Where the file closes `name` (`name.close(`, `name.dispose(` …): a search of the whole
    file, once per name, not once per client found."""
    def find() -> list[int]:
        pattern = r"\s*\.\s*".join(re.escape(part) for part in name.split("."))
        return [m.start() for m in re.finditer(
            rf"\b{pattern}\s*\.\s*(a?close|dispose|disconnect|terminate)\s*\(".encode(), ctx.source)]
    return ctx.memo(f"lifespan_client_not_closed.closes:{name}", find)


def _fix(ctx: FileContext, statement, close: str) -> Fix:
    block = statement.parent
    try_stmt = block.parent if block is not None else None
    final = None
    if try_stmt is not None and try_stmt.type == "try_statement" and try_stmt.child_by_field_name("body") == block:
        final = next((c for c in try_stmt.named_children if c.type == "finally_clause"), None)
    if final is not None:
        last = final.named_children[-1].named_children[-1] if final.named_children[-1].type == "block" \
            else final.named_children[-1]
        at, ind = last.end_byte, ctx.indent_at(last.start_byte)
    else:
        at, ind = statement.end_byte, ctx.indent_at(statement.start_byte)
    return ctx.fix(f"Add `{close}` after the yield", Applicability.SAFE, ctx.insert(at, f"{ctx.newline}{ind}{close}"))
