"""Facts about the database schema: which ORM models define tables (`orm_schema`) and which
committed migration files exist (`migration`), so MIG004 can tell an app that evolves its schema
through migrations from one that has none.

Read from every file whatever its role: migrations sit in `migrations/`, `alembic/versions/` or
`prisma/migrations/`, folders the runtime rules treat as scripts. Schemaless clients (Mongoose,
the MongoDB driver, Prisma with `provider = "mongodb"`) emit no `orm_schema`. `app` is the Django
app folder (project-relative) for Django; "" otherwise.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from prodlint.api import JAVASCRIPT, JSON, PYTHON, TSX, TYPESCRIPT, Fact, FileContext, FileRole
from prodlint.bytesearch import first_tail_in_block
from prodlint.languages import MIGRATION_FILE, PRISMA

TARGETS = (JAVASCRIPT, TYPESCRIPT, TSX, PYTHON, JSON, PRISMA, MIGRATION_FILE)

#: a file holding none of these words has no schema and no migration (a byte search each, most
#: common first: cheaper than one regex of the alternatives); read after `_may_hold_schema`
_QUICK_WORDS = (b"model", b"Model", b"define", b"Table", b"Entity", b"entries", b"knex", b"revision", b"Migration",
                b"queryInterface", b"__tablename__")
_PRISMA_MODEL = re.compile(rb"^[^\S\n]*model\s+\w+\s*\{", re.M)
#: `datasource db { … provider = "postgresql" … }`: a datasource block, then the first provider
#: before a `}` (`first_tail_in_block`: `[^}]*?` between them reads the file once per block when
#: no `}` follows)
_PRISMA_DATASOURCE = re.compile(rb"datasource\s+\w+\s*\{")
_PRISMA_PROVIDER = re.compile(rb"provider\s*=\s*\"(\w+)\"")

#: (ORM, a word its import holds, its import, a model definition)
_JS_SCHEMAS = (
    ("typeorm", b"typeorm", re.compile(rb"from\s+['\"]typeorm['\"]|require\(\s*['\"]typeorm['\"]"),
     re.compile(rb"@Entity\s*\(")),
    ("sequelize", b"sequelize", re.compile(rb"['\"]sequelize(-typescript)?['\"]"),
     re.compile(rb"\.define\s*\(\s*['\"]\w+['\"]|\bextends\s+Model\b|@Table\b|\w+\.init\s*\(\s*\{")),
    ("drizzle", b"drizzle-orm/", re.compile(rb"['\"]drizzle-orm/"), re.compile(rb"\b(pg|mysql|sqlite)Table\s*\(")),
)
_JS_MIGRATIONS = (
    ("typeorm", re.compile(rb"\bMigrationInterface\b")),
    ("sequelize", re.compile(rb"\bqueryInterface\.(createTable|addColumn|addIndex|changeColumn|sequelize\.query)")),
    ("knex", re.compile(rb"\bknex\.schema\.|\bexports\.up\s*=.*knex|export\s+(async\s+)?function\s+up\s*\(\s*knex")),
)
_SQLALCHEMY_MODEL = re.compile(rb"^class\s+\w+\s*\(([^)]*\b(Base|db\.Model|Model|DeclarativeBase)\b[^)]*|[^)]*\btable\s*=\s*True[^)]*)\)\s*:"
                               rb"|^[^\S\n]+__tablename__\s*=", re.M)
_SQLALCHEMY_IMPORT = re.compile(rb"\b(sqlalchemy|flask_sqlalchemy|sqlmodel)\b")
_DJANGO_MODEL = re.compile(rb"^class\s+\w+\s*\(\s*(models\.Model|[\w.]*Model)\b[^)]*\)\s*:", re.M)
_DJANGO_IMPORT = re.compile(rb"from\s+django\.db\s+import\s+models|import\s+django\.db\.models")
_DJANGO_MIGRATION = re.compile(rb"class\s+Migration\s*\(\s*migrations\.Migration\s*\)")
_ALEMBIC_REVISION = re.compile(rb"^down_revision\b", re.M)


def may_apply(language: str, relpath: str, source: bytes, role: FileRole) -> bool:
    """Whether the file may give a fact, told from its bytes: a test's never; of JSON files, only
    drizzle's migration journal; of code and Prisma schemas, one holding a schema word
    (`_may_hold_schema`, `_QUICK_WORDS`). The engine skips parsing a fixture or a script that
    holds none, where no other check reads it either."""
    if role.test:
        return False
    if language == MIGRATION_FILE:
        return True
    if language == JSON:
        return os.path.basename(relpath) == "_journal.json" and b'"entries"' in source
    return _may_hold_schema(language, relpath, source) and any(word in source for word in _QUICK_WORDS)


def facts(ctx: FileContext) -> Iterator[Fact]:
    if not may_apply(ctx.language, ctx.relpath, ctx.source, ctx.role):
        return
    if ctx.language == MIGRATION_FILE:
        yield ctx.fact("migration", None, "prisma", app="")
    elif ctx.language == JSON:  # the only JSON file read: drizzle's migration journal
        yield ctx.fact("migration", None, "drizzle", app="")
    elif ctx.language == PRISMA:
        yield from _prisma(ctx)
    elif ctx.language == PYTHON:
        yield from _python(ctx)
    else:
        yield from _javascript(ctx)


#: words one of which every Python schema or migration file holds (Django, Alembic, SQLAlchemy, SQLModel)
_PY_WORDS = (b"Migration", b"down_revision", b"django", b"sqlalchemy", b"sqlmodel")


def _may_hold_schema(language: str | None, relpath: str, source: bytes) -> bool:
    """Whether the file may hold what `_python`/`_javascript` look for: a few byte searches
    rule out most files before the regexes."""
    if language == PYTHON:
        return any(word in source for word in _PY_WORDS)
    if language == PRISMA or _in_migrations_folder(relpath):
        return True
    return any(word in source for _, word, _, _ in _JS_SCHEMAS)


def _prisma(ctx: FileContext) -> Iterator[Fact]:
    model = _PRISMA_MODEL.search(ctx.source)
    if model is None:
        return
    source = ctx.source
    first = next(first_tail_in_block(source, _PRISMA_DATASOURCE.finditer(source), b"}", _PRISMA_PROVIDER), None)
    name = first[1].group(1).decode() if first else ""
    if name == "mongodb":
        return
    start = model.start() + len(model.group(0)) - len(model.group(0).lstrip())
    yield ctx.fact("orm_schema", ctx.span_of(start, model.end() - 1), "prisma", provider=name, app="")


def _javascript(ctx: FileContext) -> Iterator[Fact]:
    in_migrations = _in_migrations_folder(ctx.relpath)
    if ctx.role.non_production and not in_migrations:
        return
    for tool, pattern in _JS_MIGRATIONS:
        if in_migrations and pattern.search(ctx.source):
            yield ctx.fact("migration", None, tool, app="")
            return
    for orm, word, imported, model in _JS_SCHEMAS:
        if word in ctx.source and imported.search(ctx.source):
            m = model.search(ctx.source)
            if m is not None:
                yield ctx.fact("orm_schema", ctx.span_of(m.start(), m.end()), orm, provider="", app="")
                return


def _python(ctx: FileContext) -> Iterator[Fact]:
    # each regex runs only on a file holding a word every match of it holds
    if b"Migration" in ctx.source and _DJANGO_MIGRATION.search(ctx.source):
        yield ctx.fact("migration", None, "django", app=_django_app(ctx.relpath))
        return
    if b"down_revision" in ctx.source and b"alembic" in ctx.source and _ALEMBIC_REVISION.search(ctx.source):
        yield ctx.fact("migration", None, "alembic", app="")
        return
    if ctx.role.non_production:
        return
    if b"django" in ctx.source and _DJANGO_IMPORT.search(ctx.source):
        m = _DJANGO_MODEL.search(ctx.source)
        if m is not None and b"abstract = True" not in ctx.source[m.start():m.start() + 2000]:
            yield ctx.fact("orm_schema", ctx.span_of(m.start(), m.end()), "django", provider="",
                           app=_django_app(ctx.relpath))
        return
    if (b"sqlalchemy" in ctx.source or b"sqlmodel" in ctx.source) and _SQLALCHEMY_IMPORT.search(ctx.source):
        m = _SQLALCHEMY_MODEL.search(ctx.source)
        if m is not None and (b"__tablename__" in ctx.source or b"db.Model" in ctx.source or b"table=True" in ctx.source):
            start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            yield ctx.fact("orm_schema", ctx.span_of(start, m.end()), "sqlalchemy", provider="", app="")


_MIGRATIONS_FOLDER = re.compile(r"(^|/)(migrations?|migration|db/migrate|database/migrations)/")


def _in_migrations_folder(relpath: str) -> bool:
    return _MIGRATIONS_FOLDER.search(relpath) is not None


def _django_app(relpath: str) -> str:
    """The Django app folder of a models or migrations module (`shop/models.py` -> `shop`)."""
    parts = relpath.split("/")
    for marker in ("migrations", "models"):
        if marker in parts[:-1]:
            return "/".join(parts[:parts.index(marker)])
    return "/".join(parts[:-1])
