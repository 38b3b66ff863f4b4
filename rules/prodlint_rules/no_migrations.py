"""
## What it does
Flags an app whose ORM defines tables (a Prisma schema with models, Sequelize models, TypeORM
entities, Drizzle tables, SQLAlchemy/Flask-SQLAlchemy/SQLModel models, Django models) while the
project holds no committed migration for it: no `prisma/migrations`, no Sequelize/TypeORM/Knex
migration files, no Drizzle journal, no Alembic or Flask-Migrate versions, no migration in that
Django app's `migrations/`. A migrations folder that `.gitignore` hides counts as missing: it is
not committed.

Schemaless stores (Mongoose, the MongoDB driver, Redis, Prisma on MongoDB) never fire, and a
package with models but no server (a shared library) is left alone.

## Why is this bad?
Without migrations the production schema is whatever the last `db push`, `sync()` or
`create_all()` left behind: nobody can review a schema change, apply it before the new code
starts, or roll it back, and the first deploy with a renamed field either fails or drops data.

## Example
```text
prisma/schema.prisma       model User { … }
(no prisma/migrations/)
```

Use instead: create the first migration once and commit it; deploys then run
`prisma migrate deploy` (or the equivalent below).

## Fix safety
There is no automatic fix: the first migration must be generated against a database. The message
names the command: `npx prisma migrate dev --name init`, `npx drizzle-kit generate`,
`npx typeorm migration:generate`, `npx sequelize-cli migration:generate`,
`flask db init && flask db migrate` / `alembic revision --autogenerate`,
`python manage.py makemigrations <app>`.

## References
- [Prisma Migrate](https://www.prisma.io/docs/orm/prisma-migrate/getting-started)
- [Alembic: auto generating migrations](https://alembic.sqlalchemy.org/en/latest/autogenerate.html)
- [Django: migrations](https://docs.djangoproject.com/en/stable/topics/migrations/)
"""

from __future__ import annotations

from collections.abc import Iterator

from prodlint.api import Finding, ProjectContext, Rule, Scope, Severity
from prodlint.languages import JAVASCRIPT, JSON, MIGRATION_FILE, PRISMA, PYTHON, TSX, TYPESCRIPT

RULE = Rule(
    code="MIG004",
    name="no-migrations",
    category="8",
    scope=Scope.PROJECT,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON, JSON, PRISMA, MIGRATION_FILE}),
    severity=Severity.WARNING,
    runtime=False,  # migrations live in folders the runtime rules treat as scripts
)

# Which migration tools serve each ORM (a Sequelize app may migrate with Knex or Umzug, …).
_TOOLS = {
    "prisma": {"prisma"},
    "drizzle": {"drizzle"},
    "typeorm": {"typeorm", "knex"},
    "sequelize": {"sequelize", "knex"},
    "sqlalchemy": {"alembic"},
    "django": {"django"},
}
_CREATE = {
    "prisma": "`npx prisma migrate dev --name init`, then commit `prisma/migrations/`",
    "drizzle": "`npx drizzle-kit generate`, then commit the migrations folder (`out` in drizzle.config)",
    "typeorm": "`npx typeorm migration:generate src/migrations/Init -d <data-source>`, then commit it",
    "sequelize": "`npx sequelize-cli migration:generate --name init` (write the tables in it), then commit "
                 "`migrations/`",
    "sqlalchemy": "`flask db init && flask db migrate -m init` (Flask-Migrate) or `alembic init migrations && "
                  "alembic revision --autogenerate -m init`, then commit the versions",
    "django": "`python manage.py makemigrations {app}`, then commit `{app}/migrations/`",
}
_NAMES = {"prisma": "The Prisma schema defines", "drizzle": "Drizzle tables define", "typeorm": "TypeORM entities define",
          "sequelize": "Sequelize models define", "sqlalchemy": "SQLAlchemy models define",
          "django": "Django models define"}


def check_project(project: ProjectContext) -> Iterator[Finding]:
    schemas = project.facts("orm_schema")
    if not schemas:
        return
    migrations = project.facts("migration")
    tools = {m.value for m in migrations}
    django_apps = {m.get("app") for m in migrations if m.value == "django"}
    is_app = bool(project.apps() or project.entry_points() or project.frameworks
                  or any(s.value == "django" for s in schemas))
    if not is_app:
        return
    reported: set[tuple[str, str]] = set()
    for schema in sorted(schemas, key=lambda f: (f.path, f.span.start if f.span else 0)):
        orm, app = schema.value, schema.get("app")
        if (orm, app) in reported or schema.span is None:
            continue
        if orm == "django":
            if app in django_apps:
                continue
        elif _TOOLS.get(orm, set()) & tools:
            continue
        reported.add((orm, app))
        where = f"the `{app}` app" if orm == "django" and app else "the project"
        create = _CREATE[orm].format(app=app or "<app>")
        yield project.finding(schema, f"{_NAMES[orm]} tables but {where} has no committed migrations "
                                      f"(or the migrations folder is git-ignored): create the first one with {create}")
