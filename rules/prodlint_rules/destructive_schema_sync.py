"""
## What it does
Flags schema synchronisation that can destroy data, in code the server runs: Sequelize
`sync({ force: true })` (drops every table and creates it again) and `sync({ alter: true })`
(rewrites tables to match the models), TypeORM `synchronize: true` (in `new DataSource()`,
`createConnection()`, `TypeOrmModule.forRoot()` options or `ormconfig.json`), and SQLAlchemy /
Flask-SQLAlchemy `drop_all()` run at import or start-up.

Guarded calls (`if (process.env.NODE_ENV !== "production")`, `force: process.env.NODE_ENV ===
"test"`), seeders, migrations, tests and scripts run by hand (`seed.js`, `reset_db.py`, a
`flask` CLI command) are left alone.

## Why is this bad?
The server runs this on every start, so every deploy, restart or autoscaled instance does it to
the production database: `force` wipes every row, and `alter`/`synchronize` turn a renamed field
into a dropped column. There is no migration history to review, and nothing to roll back to.

## Example
```js
await sequelize.sync({ force: true });
```

Use instead:
```js
await sequelize.sync(); // creates missing tables only; schema changes go through migrations
```

## Fix safety
The fix removes `force`/`alter` (and turns `synchronize: true` into `false`): the app then never
drops or rewrites a table on start. It is safe: it only removes the destructive part, and schema
changes move to migrations (`sequelize-cli db:migrate`, `typeorm migration:run`). `drop_all()`
has no automatic fix: delete the call, or move it to a command run by hand.

## References
- [Sequelize: model synchronization](https://sequelize.org/docs/v6/core-concepts/model-basics/#model-synchronization)
- [TypeORM: migrations](https://typeorm.io/docs/advanced-topics/migrations/)
- [SQLAlchemy: MetaData.drop_all](https://docs.sqlalchemy.org/en/20/core/metadata.html#sqlalchemy.schema.MetaData.drop_all)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import tree_sitter as ts

from prodlint.api import (
    JAVASCRIPT, JSON, PYTHON, TSX, TYPESCRIPT, Applicability, FileContext, FileRole, Finding, Rule, Scope, Severity,
)
from prodlint.appmodel import in_dev_guard
from prodlint.syntax import file_search
from prodlint_rules._py_startup import SCRIPT_FILE, runs_at_startup

RULE = Rule(
    code="MIG001",
    name="destructive-schema-sync",
    category="8",
    scope=Scope.FILE,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON, JSON}),
    severity=Severity.ERROR,
    fix="remove `force`/`alter` from `sync()`, set `synchronize: false`",
)

_JS = """
((call_expression
   function: (member_expression property: (property_identifier) @method)
   arguments: (arguments (object (pair key: (_) @key value: (true)) @pair) @options)) @call
 (#eq? @method "sync")
 (#match? @key "^[\\"']?(force|alter)[\\"']?$"))
((pair key: (_) @key value: (true)) @sync_pair
 (#match? @key "^[\\"']?synchronize[\\"']?$"))
"""
QUERY = {lang: _JS for lang in (JAVASCRIPT, TYPESCRIPT, TSX)}
QUERY[PYTHON] = """
((call function: (attribute attribute: (identifier) @method)) @call
 (#eq? @method "drop_all"))
"""
QUERY[JSON] = """
((pair key: (string (string_content) @key) value: (true)) @sync_pair
 (#eq? @key "synchronize"))
"""

_TYPEORM_HINT = re.compile(r"typeorm|DataSource|createConnection|TypeOrmModule|entities\s*:", re.I)
_ORMCONFIG = re.compile(r"^ormconfig(\.[a-z]+)?\.json$", re.I)


#: every finding `check` makes on a language of QUERY is a match of it: the engine skips a file without one
FINDINGS_FROM_MATCHES = True


def may_apply(language: str, relpath: str, source: bytes, role: FileRole) -> bool:
    """False only for a JSON file without the bytes `synchronize`, which every match of the JSON
    query's key holds."""
    return language != JSON or b"synchronize" in source


def check(ctx: FileContext) -> Iterator[Finding]:
    if not ctx.matches or SCRIPT_FILE.search(ctx.relpath):
        return  # every finding is a match of the query (most files have none)
    if ctx.language == PYTHON:
        yield from _check_python(ctx)
        return
    if ctx.language == JSON:
        if _ORMCONFIG.match(os.path.basename(ctx.path)):
            for pair in ctx.captures("sync_pair"):
                yield _synchronize_finding(ctx, pair)
        return
    mentions_sequelize = "sequelize" in ctx.text.lower()
    for _, caps in ctx.matches:
        if "sync_pair" in caps:
            pair = caps["sync_pair"][0]
            if file_search(ctx, _TYPEORM_HINT) and not in_dev_guard(ctx, pair):
                yield _synchronize_finding(ctx, pair)
            continue
        call, pair, options = caps["call"][0], caps["pair"][0], caps["options"][0]
        receiver = call.child_by_field_name("function").child_by_field_name("object")
        if not (mentions_sequelize or re.search(r"model|db", ctx.text_of(receiver), re.I)):
            continue
        if in_dev_guard(ctx, call):
            continue
        yield _sync_finding(ctx, call, pair, options)


def _sync_finding(ctx: FileContext, call: ts.Node, pair: ts.Node, options: ts.Node) -> Finding:
    key = ctx.text_of(pair.child_by_field_name("key")).strip("\"'")
    receiver = ctx.text_of(call.child_by_field_name("function"))
    if key == "force":
        message = (f"`{receiver}({{ force: true }})` drops and recreates every table on each start: "
                   "a deploy or restart wipes the production data")
    else:
        message = (f"`{receiver}({{ alter: true }})` rewrites tables to match the models on each start: "
                   "a renamed field drops its column and its data; use migrations")
    pairs = [c for c in options.named_children if c.type != "comment"]
    if len(pairs) == 1:
        edit = ctx.replace(options, "")
    else:
        edit = _remove_pair(ctx, options, pair)
    fix = ctx.fix(f"Remove `{key}: true` from `{receiver}()`", Applicability.SAFE, edit)
    return ctx.finding(pair, message, [fix])


def _remove_pair(ctx: FileContext, obj: ts.Node, pair: ts.Node):
    """Remove one `key: value` of an object literal with its comma, keeping the rest as written."""
    children = list(obj.children)
    i = children.index(pair)
    nxt = children[i + 1] if i + 1 < len(children) else None
    if nxt is not None and nxt.type == ",":
        after = children[i + 2] if i + 2 < len(children) else None
        end = after.start_byte if after is not None and after.type != "}" else nxt.end_byte
        return ctx.replace(ctx.span_of(pair.start_byte, end), "")
    prev = children[i - 1]
    if prev.type == ",":
        return ctx.replace(ctx.span_of(prev.start_byte, pair.end_byte), "")
    return ctx.replace(pair, "")


def _synchronize_finding(ctx: FileContext, pair: ts.Node) -> Finding:
    value = pair.child_by_field_name("value")
    fix = ctx.fix("Set `synchronize: false`", Applicability.SAFE, ctx.replace(value, "false"))
    return ctx.finding(pair, "TypeORM `synchronize: true` rewrites the schema from the entities on each start: "
                             "a renamed column loses its data; use migrations", [fix])


def _check_python(ctx: FileContext) -> Iterator[Finding]:
    for call in ctx.captures("call"):
        func = call.child_by_field_name("function")
        receiver = ctx.text_of(func.child_by_field_name("object"))
        if not re.search(r"(^|\.)(db|metadata|Base|SQLModel|database)$|metadata$", receiver):
            continue
        if in_dev_guard(ctx, call) or not runs_at_startup(ctx, call):
            continue
        yield ctx.finding(call, f"`{ctx.text_of(func)}()` runs when the app starts: every deploy or restart "
                                "deletes every table and its data")
