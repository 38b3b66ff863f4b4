"""Tests, fixtures and scripts no check reads are not parsed: on such a file the engine runs only
SEC001, SEC002 and the `env_nextjs` and `migrations` extractors, and where each says by its
`may_apply` that it gives nothing there, the CLI skips the parse. Linting the file in full must
then give nothing either: every case here lints it in full and compares."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prodlint.config import Config
from prodlint.core import FileRole
from prodlint.engine import Engine, project_root_for
from prodlint.envreads import JS_ENV_OBJECT, JS_FALLBACK_LEFT, PY_DEFAULT_CALL, PY_GETTER
from prodlint.languages import JS_LIKE, PYTHON, language_for
from prodlint.parsing import Document
from prodlint.project import lint_file
from prodlint.registry import all_rules, fact_extractors
from prodlint_rules import secret_env_fallback

REPO = Path(__file__).parent.parent
ENGINE = Engine()
#: the roles of files the runtime rules skip: a fixture or a script, a test, a migration
ROLES = [FileRole(non_production=True), FileRole(test=True, non_production=True),
         FileRole(non_production=True, migration=True), FileRole(non_production=True, client=True)]
CODE = sorted(JS_LIKE | {PYTHON})


def _lint(path: str, source: bytes, root: str, role: FileRole):
    result = ENGINE.lint_document(Document(path, language_for(path), source), root, Config(), role=role)
    return result.facts, result.findings, result.suppressions


def _relpath(path: Path, root: str) -> str:
    return str(path.relative_to(root)).replace("\\", "/")


def test_every_owner_of_a_non_production_code_file_says_where_it_applies():
    """Otherwise every test and script would be parsed: one owner without `may_apply` is enough."""
    role = FileRole(non_production=True)
    for language in CODE:
        owners = [r for r in all_rules() if r.check is not None and language in r.rule.targets
                  and not r.rule.runtime]
        owners += [ex for ex in fact_extractors() if language in ex.targets and not ex.runtime]
        assert owners, language
        assert all(o.may_apply is not None for o in owners), [o for o in owners if o.may_apply is None]
        assert ENGINE._gates_for(language, role) is not None, language


def test_a_skipped_example_code_file_gives_nothing():
    """Every JS, TS and Python file of the rules' examples and of examples/, read in each role."""
    files = [f for f in sorted((REPO / "rules" / "prodlint_rules").glob("*.examples/**/*"))
             + sorted((REPO / "examples").glob("**/*")) if f.is_file() and language_for(str(f)) in CODE]
    skipped = parsed = 0
    for file in files:
        root = project_root_for(str(file))
        source = file.read_bytes()
        for role in ROLES:
            if ENGINE.may_give_anything(language_for(str(file)), _relpath(file, root), source, role):
                parsed += 1
                continue
            skipped += 1
            facts, findings, suppressions = _lint(str(file), source, root, role)
            assert not facts and not findings and not suppressions.lines, (file, role)
    assert skipped > 50 and parsed > 50, (skipped, parsed)


# ---------------------------------------------------------------- generated files of code

SECRET = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
PIECES = [("sk_", "live_" + "4eC39HqLyjWDarjtT1zdp7dc"), ("sk_live_", "4eC39HqLyjWDarjtT1zdp7dc"),
          ("ghp_A1b2C3d4E5f6", "G7h8I9j0K1l2M3n4O5p6Q7r8"), ("AKIAIOSFOD", "NN7EXAMPLQ")]

#: statements of JavaScript/TypeScript a test or a script may hold, `<A>` and `<B>` the halves of a key
JS_LINES = [
    'const a = "<A>";', "const b = '<B>';", "const key = a + b;", 'const key = "<A>" + "<B>";',
    "const key = a +\n  /* joined */ b;", 'const key = "<A>"+"<B>";', "const key = `<A>${b}`;",
    'const key = `${ "<A>" }<B>`;', "const key = `${a}${b}`;", "const key = `${ /* x */ a}<B>`;",
    'const key = ("<A>") + b;', 'const k = `<A>` + `<B>`;', "const n = i + 1;", "let i = 0; i++;",
    "total += 2;", "const url = `/users/${user.id}`;", "const x = `${f()}`;", "expect(sum(1, 2)).toBe(3);",
    f'const token = "{SECRET}";', f"// token {SECRET}", 'const id = "AKIAIOSFODNN7EXAMPLE";',
    'const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";',
    'const pw = process.env.DB_PASSWORD || "hunter2hunter2";', 'const s = config.get("JWT_SECRET", "dev-secret");',
    'const s = settings.get<string>("API_TOKEN", "t0ken-value-123");', "const { SECRET = 'abc123def456' } = process.env;",
    'const s = import.meta.env.VITE_KEY ?? "k3y-value-98765";', 'const m = new Map(); m.get("a");',
    "module.exports = { env: { API_URL: process.env.API_URL } };", "const User = sequelize.define('user', {});",
    "import { Entity } from 'typeorm';\n@Entity()\nclass User {}", "import { pgTable } from 'drizzle-orm/pg-core';",
    "export const users = pgTable('users', {});", "// prodlint-disable-next-line SEC001", "describe('x', () => {});",
    'const db = "postgres://admin:hunter2pass@db.shopco.net/app";',
]
PY_LINES = [
    'a = "<A>"', "b = '<B>'", "key = a + b", 'key = "<A>" + "<B>"', 'key = ("<A>"\n       + "<B>")',
    'key = "<A>" + \\\n    "<B>"', 'key = f"<A>" + b', "n = i + 1", "total += 2", 'print(f"{user.id}")',
    f'token = "{SECRET}"', f"# token {SECRET}", 'aws_id = "AKIAIOSFODNN7EXAMPLE"',
    'pw = os.environ.get("DB_PASSWORD", "hunter2hunter2")', 'pw = os.getenv("SECRET_KEY") or "dev-secret-key"',
    'secret = config("SECRET_KEY", default="django-insecure-abc")', 'SECRET = env.str("JWT_SECRET", "jwt-dev-1")',
    "from django.db import models\nclass Book(models.Model):\n    title = models.CharField()",
    "from sqlalchemy.orm import DeclarativeBase\nclass Base(DeclarativeBase):\n    pass",
    "class Migration(migrations.Migration):\n    pass", 'down_revision = "abc"', "import os", "def test_x():\n    assert 1 + 1 == 2",
    "# prodlint: ignore SEC001", 'DB = "postgres://admin:hunter2pass@db.shopco.net/app"',
]
NAMES = {"javascript": ["tests/keys.test.js", "scripts/seed.js", "next.config.js", "e2e/login.spec.js"],
         "typescript": ["src/__tests__/auth.test.ts", "scripts/migrate.ts", "fixtures/data.ts", "next.config.ts",
                        "migrations/0001_init.ts"],
         "tsx": ["src/components/Button.stories.tsx", "src/__tests__/App.test.tsx"],
         "python": ["tests/test_keys.py", "scripts/seed.py", "myapp/migrations/0001_initial.py",
                    "alembic/versions/abc_init.py"]}


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(CODE), st.data(), st.sampled_from(PIECES), st.sampled_from(ROLES))
def test_a_skipped_generated_code_file_gives_nothing(tmp_path_factory, language, data, pieces, role):
    lines = data.draw(st.lists(st.sampled_from(PY_LINES if language == PYTHON else JS_LINES), max_size=5))
    name = data.draw(st.sampled_from(NAMES[language]))
    text = "\n".join(line.replace("<A>", pieces[0]).replace("<B>", pieces[1]) for line in lines) + "\n"
    root = tmp_path_factory.mktemp("p")
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    source = text.encode()
    if ENGINE.may_give_anything(language, name, source, role):
        return
    facts, findings, suppressions = _lint(str(path), source, str(root), role)
    assert not facts and not findings and not suppressions.lines, (name, role, text)


@pytest.mark.parametrize("text", [
    'const key = "sk_" + "live_4eC39HqLyjWDarjtT1zdp7dc";\n',
    'const a = "sk_live_";\nconst b = "4eC39HqLyjWDarjtT1zdp7dc";\nexport const key = a + b;\n',
    'const b = "4eC39HqLyjWDarjtT1zdp7dc";\nexport const key = `sk_live_${b}`;\n',
])
def test_a_key_split_across_strings_in_a_test_is_still_reported(tmp_path, text):
    (tmp_path / "package.json").write_text('{"name": "app"}')
    path = tmp_path / "test" / "keys.test.js"
    path.parent.mkdir()
    path.write_text(text)
    assert [f.code for f in lint_file(str(path), str(tmp_path)).findings] == ["SEC001"]


def test_a_test_without_keys_env_reads_or_models_is_not_parsed(tmp_path):
    (tmp_path / "package.json").write_text('{"name": "app"}')
    path = tmp_path / "test" / "sum.test.js"
    path.parent.mkdir()
    path.write_text("const sum = require('../sum');\ntest('adds', () => {\n  expect(sum(1, 2)).toBe(3);\n});\n")
    role = FileRole(test=True, non_production=True)
    assert not ENGINE.may_give_anything("javascript", "test/sum.test.js", path.read_bytes(), role)
    result = lint_file(str(path), str(tmp_path))
    assert result.skipped is None and result.content_hash and not result.facts and not result.findings


# ---------------------------------------------------------------- SEC002's byte gate


def _body(anchored: str) -> str:
    assert anchored.startswith("^") and anchored.endswith("$")
    return anchored[1:-1]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_sec002_gate_finds_every_text_its_query_regexes_take(data):
    """A capture's text is a slice of the file: what a `#match?` regex of SEC002's query takes,
    the gate finds in the bytes around it."""
    for regex, gate in [(JS_FALLBACK_LEFT, secret_env_fallback._JS_MAY_MATCH),
                        (_body(JS_ENV_OBJECT), secret_env_fallback._JS_MAY_MATCH),
                        (_body(PY_DEFAULT_CALL), secret_env_fallback._PY_MAY_MATCH),
                        (_body(PY_GETTER), secret_env_fallback._PY_MAY_MATCH)]:
        text = data.draw(st.from_regex(re.compile(regex)))
        assert gate.search(text.encode()) is not None, (regex, text)


@pytest.mark.parametrize("call", ['cfg.get("K", "v")', 'cfg.get ("K", "v")', 'cfg?.get("K", "v")',
                                  'cfg.get<string>("K", "v")', 'cfg.get/* c */("K", "v")', 'cfg\n  .get(\n"K", "v")'])
def test_sec002_gate_finds_every_get_call(call):
    assert secret_env_fallback._JS_MAY_MATCH.search(call.encode()) is not None
