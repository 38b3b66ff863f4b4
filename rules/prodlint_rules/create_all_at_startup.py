"""
## What it does
Flags tables created from the models when a Python app imports or starts:
`Base.metadata.create_all()` (SQLAlchemy, SQLModel), `db.create_all()` (Flask-SQLAlchemy) and
`db.create_tables()` (Peewee), `conn.run_sync(Base.metadata.create_all)` (async engines) at
module level, inside `with app.app_context():`, in the app
factory (`create_app()`), in a start-up hook (`@app.on_event("startup")`, a lifespan,
`@app.before_first_request`) or in a helper one of those calls; and Tortoise ORM's
`register_tortoise(..., generate_schemas=True)`.

Commands run by hand (`@app.cli.command`, `click` commands, `if __name__ == "__main__":`),
scripts (`init_db.py`, `seed.py`), tests and migrations are left alone.

## Why is this bad?
`create_all()` creates missing tables and never changes an existing one. The first deploy
works; the first deploy after a model change does not: the new column is missing, queries fail
with "no such column", and there is no migration to apply or roll back. Running schema DDL from
every worker at start-up also races between processes.

## Example
```python
app = Flask(__name__)
db = SQLAlchemy(app)
with app.app_context():
    db.create_all()
```

Use instead: migrations, applied once per deploy before the new code starts.
```sh
flask db init && flask db migrate -m "initial" && flask db upgrade   # Flask-Migrate
alembic revision --autogenerate -m "initial" && alembic upgrade head # plain SQLAlchemy
```

## Fix safety
There is no automatic fix: the first migration has to be generated against your database. Move
the call to a command run by hand (`@app.cli.command("init-db")`) meanwhile.

## References
- [Alembic tutorial](https://alembic.sqlalchemy.org/en/latest/tutorial.html)
- [Flask-Migrate](https://flask-migrate.readthedocs.io/)
- [SQLAlchemy: MetaData.create_all](https://docs.sqlalchemy.org/en/20/core/metadata.html#sqlalchemy.schema.MetaData.create_all)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.api import PYTHON, FileContext, Finding, Rule, Scope, Severity
from prodlint.appmodel import in_dev_guard
from prodlint_rules._py_startup import runs_at_startup

RULE = Rule(
    code="MIG003",
    name="create-all-at-startup",
    category="8",
    scope=Scope.FILE,
    targets=frozenset({PYTHON}),
    severity=Severity.WARNING,
)

QUERY = """
((call function: (attribute attribute: (identifier) @method)) @call
 (#match? @method "^(create_all|create_tables)$"))
((call function: (identifier) @fn arguments: (argument_list
   (keyword_argument name: (identifier) @kw value: (true)))) @tortoise
 (#eq? @fn "register_tortoise")
 (#eq? @kw "generate_schemas"))
((call function: (attribute attribute: (identifier) @rs)
   arguments: (argument_list . (attribute attribute: (identifier) @ref_method) @ref)) @run_sync
 (#eq? @rs "run_sync")
 (#eq? @ref_method "create_all"))
"""

_RECEIVER = re.compile(r"(^|\.)(db|database|metadata|Base|SQLModel|models)$|metadata$")
_HINT = "generate the first migration (Flask-Migrate `flask db migrate`, or `alembic revision --autogenerate`) and run `upgrade` on deploy"


#: every finding `check` makes on a language of QUERY is a match of it: the engine skips a file without one
FINDINGS_FROM_MATCHES = True


def check(ctx: FileContext) -> Iterator[Finding]:
    for _, caps in ctx.matches:
        if "tortoise" in caps:
            call = caps["tortoise"][0]
            if not in_dev_guard(ctx, call):
                yield ctx.finding(call, "`register_tortoise(generate_schemas=True)` creates tables on each start but "
                                        "never changes them: use Aerich migrations")
            continue
        if "run_sync" in caps:  # `await conn.run_sync(Base.metadata.create_all)` (async engines)
            call, func = caps["run_sync"][0], caps["ref"][0]
        else:
            call = caps["call"][0]
            func = call.child_by_field_name("function")
        receiver = ctx.text_of(func.child_by_field_name("object"))
        if not _RECEIVER.search(receiver):
            continue
        if in_dev_guard(ctx, call) or not runs_at_startup(ctx, call):
            continue
        yield ctx.finding(call, f"`{ctx.text_of(func)}()` runs when the app starts: it creates missing tables but "
                                f"never changes existing ones, so a model change breaks production; {_HINT}")
