"""
## What it does
Flags a server app that reads required environment variables (`process.env.X` or
`os.getenv("X")` without a fallback) but never checks at startup that they are set. Any check
that stops the app on a missing variable counts: `if (!process.env.X) throw …`, a loop over
names that exits, envalid `cleanEnv`, `@t3-oss/env` `createEnv`, a zod schema parsing
`process.env`, env-var, dotenv-safe, pydantic `BaseSettings`, environs, python-decouple and
django-environ (which raise on a missing variable), or Python's `os.environ["X"]` at module level
(which raises at import). The diagnostic sits on the app's entry point (`app.listen(…)`,
`Flask(__name__)`, `FastAPI()`), on `INSTALLED_APPS` in a Django settings module (imported by
manage.py, wsgi and asgi before anything runs), or on the export of a Next.js app's
`next.config.*` (loaded by `next build` and `next start` before any route; reads in route
handlers, API routes, server actions and `lib/` count, the config's own build switches do
not). Reads in tests, scripts and browser code, and variables the platform sets (`NODE_ENV`,
`PORT`, `CI`, …) are not counted.

## Why is this bad?
A missing variable does not stop the app: `process.env.DATABASE_URL` is `undefined`, the server
starts, the health check passes, and the first request that needs the database fails with an
error far from its cause, sometimes hours after the deploy. Checked at startup, the deploy fails
at once and says which variable is missing.

## Example
```js
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
app.listen(process.env.PORT || 3000);
```

Use instead:
```js
function validateEnv(names) {
  const missing = names.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(`Missing required environment variables: ${missing.join(", ")}`);
  }
}

validateEnv(["STRIPE_SECRET_KEY"]);
```

## Fix safety
The fix (also offered as a source action) inserts one `validateEnv([...])` (JavaScript /
TypeScript) or `_require_env(...)` (Python) call after the entry point's imports, listing every
variable the project reads without a fallback (sorted, once each), and adds each to
`.env.example`. It is unsafe: an environment that lacks one of them no longer starts, which is
the point; review the list, since a variable that is truly optional should get a fallback
instead. In `next.config.*` the check also runs at `next build`: a build that has no runtime
secrets (a Docker image built without them) needs them passed in, or the check moved to
`instrumentation.ts`.

## References
- [The Twelve-Factor App: Config](https://12factor.net/config)
- [envalid](https://github.com/af/envalid) · [pydantic-settings](https://docs.pydantic.dev/latest/concepts/pydantic_settings/)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.api import (
    JAVASCRIPT, JS_LIKE, PYTHON, TSX, TYPESCRIPT, Applicability, Fact, FileContext, Finding, ProjectContext, Rule,
    Scope, Severity, TextEdit, enclosing_function, indent_unit, quote_style,
    string_content, uses_semicolons,
)
from prodlint_rules._env_validation import insertion_point, snippet

RULE = Rule(
    code="SEC004",
    name="env-not-validated",
    category="1",
    scope=Scope.PROJECT,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.INFO,
    fix="generate a startup check of every env var the project reads, and .env.example",
)

_JS = """
((member_expression object: (member_expression) @obj property: (property_identifier) @key) @read
 (#eq? @obj "process.env"))
((subscript_expression object: (member_expression) @obj index: (string) @key) @read
 (#eq? @obj "process.env"))
((variable_declarator name: (object_pattern) @pattern value: (member_expression) @obj)
 (#eq? @obj "process.env"))
((call_expression function: (_) @entry) @call
 (#match? @entry "(^|\\\\.)(listen|createServer|serve)$|^NestFactory\\\\.create$"))
"""
QUERY = {lang: _JS for lang in (JAVASCRIPT, TYPESCRIPT, TSX)}
QUERY[PYTHON] = """
((subscript value: (_) @obj subscript: (string) @key) @read
 (#match? @obj "^(os\\\\.)?environ$"))
((call function: (_) @fn arguments: (argument_list . (string) @key .)) @read
 (#match? @fn "^(os\\\\.getenv|getenv|os\\\\.environ\\\\.get|environ\\\\.get)$"))
((call function: (_) @entry) @call
 (#match? @entry "^(Flask|FastAPI|Starlette|Quart|Sanic|uvicorn\\\\.run|web\\\\.Application)$"))
"""

# Set by the platform or the toolchain, or conventionally optional.
PLATFORM = re.compile(
    r"^(NODE_ENV|PORT|HOST|HOSTNAME|CI|DEBUG|TZ|HOME|PATH|PWD|USER|SHELL|TERM|LANG|LOG_LEVEL|NODE_OPTIONS|"
    r"npm_\w+|VERCEL\w*|NETLIFY\w*|RENDER\w*|RAILWAY\w*|FLY_\w+|HEROKU\w*|K_SERVICE|K_REVISION|AWS_LAMBDA\w*|"
    r"AWS_REGION|AWS_EXECUTION_ENV|LAMBDA_TASK_ROOT|GITHUB_\w+|NEXT_RUNTIME|NEXT_PHASE|NEXT_PUBLIC_\w+|VITE_\w+|"
    r"REACT_APP_\w+|EXPO_PUBLIC_\w+|PYTHON\w*|VIRTUAL_ENV|FLASK_\w+|DJANGO_SETTINGS_MODULE|WEB_CONCURRENCY|"
    r"JEST_WORKER_ID|VITEST\w*|TESTING|PYTEST_\w+|APP_ENV|ENV|ENVIRONMENT|NODE_APP_INSTANCE|pm_id)$"
)
_JS_VALIDATION_LIBS = re.compile(
    r"""['"](envalid|@t3-oss/env-[\w-]+|env-var|dotenv-safe|@nestjs/config|znv|env-schema|@julr/vite-plugin-validate-env)['"]|"""
    r"""\bcleanEnv\(|\bcreateEnv\(|\bvalidateEnv\("""
)
_JS_VALIDATION_KEYS = ("envalid", "@t3-oss/env-", "env-var", "dotenv-safe", "@nestjs/config", "znv", "env-schema",
                       "validate-env", "cleanEnv(", "createEnv(", "validateEnv(")
_JS_SCHEMA_PARSE = re.compile(r"\.(safeParse|parse|validate)\(\s*process\.env\s*[,)]")
_JS_NEGATED_ENV = re.compile(r"!\s*process\.env(\.\w+|\[[^\]]+\])")
_JS_FAIL = re.compile(r"\bthrow\b|process\.exit")


def _followed_within(text: str, starts: re.Pattern[str], then: re.Pattern[str], limit: int) -> bool:
    """`starts` matches and `then` begins at most `limit` characters after it: the regex
    `starts[\\s\\S]{0,limit}?then`, as two linear scans instead of backtracking."""
    for m in starts.finditer(text):
        hit = then.search(text, m.end(), m.end() + limit + 20)
        if hit is not None and hit.start() - m.end() <= limit:
            return True
    return False


class _JsValidation:
    """Whether a JS/TS file validates its environment (a schema library, or a fail-fast check)."""

    @staticmethod
    def search(text: str) -> bool:
        if any(k in text for k in _JS_VALIDATION_KEYS) and _JS_VALIDATION_LIBS.search(text):
            return True
        if "process.env" not in text:
            return False
        return bool(_JS_SCHEMA_PARSE.search(text)) or _followed_within(text, _JS_NEGATED_ENV, _JS_FAIL, 400)


_JS_VALIDATION = _JsValidation()
_PY_VALIDATION_LIBS = re.compile(
    r"\bBaseSettings\b|\bfrom environs\b|\bimport environs\b|\b_require_env\(|\benviron\.Env\(|\bfrom decouple\b")
_PY_NEGATED_ENV = re.compile(r"\bnot\s+(os\.)?(getenv|environ\.get)\(")
_PY_MISSING_LIST = re.compile(r"missing\s*=\s*\[[^\]]*environ")
_PY_FAIL = re.compile(r"\braise\b|sys\.exit|\bexit\(")


class _PyValidation:
    """Whether a Python file validates its environment (pydantic settings, environs, decouple, a
    fail-fast check)."""

    @staticmethod
    def search(text: str) -> bool:
        if _PY_VALIDATION_LIBS.search(text):
            return True
        if "environ" not in text and "getenv" not in text:
            return False
        return _followed_within(text, _PY_NEGATED_ENV, _PY_FAIL, 300) or \
            _followed_within(text, _PY_MISSING_LIST, re.compile(r"\braise\b|sys\.exit"), 300)


_PY_VALIDATION = _PyValidation()
_ENTRY_SOURCE = re.compile(r"\b(express|fastify|koa|hono|http|https|@nestjs/core|restify|@hapi/hapi)\b")


_NEXT_CONFIG = re.compile(r"^next\.config\.(js|mjs|cjs|ts|mts)$")
_DJANGO_SETTINGS = re.compile(r"^(ROOT_URLCONF|MIDDLEWARE|DATABASES|WSGI_APPLICATION)\s*=", re.M)


def facts(ctx: FileContext) -> Iterator[Fact]:
    if ctx.language in JS_LIKE and _NEXT_CONFIG.match(ctx.relpath):
        yield from _next_config(ctx)
        return
    if ctx.role.non_production or ctx.role.client or ctx.role.vite_client:
        return
    if (_PY_VALIDATION if ctx.language == PYTHON else _JS_VALIDATION).search(ctx.text):
        yield ctx.fact("env-validation", None, ctx.relpath)
    if ctx.language == PYTHON and "INSTALLED_APPS" in ctx.text and _DJANGO_SETTINGS.search(ctx.text):
        settings = _django_settings_anchor(ctx)
        if settings is not None:
            yield _entry_fact(ctx, settings)
    for _, caps in ctx.matches:
        if "entry" in caps:
            fact = _entry(ctx, caps["call"][0], ctx.text_of(caps["entry"][0]))
            if fact is not None:
                yield fact
        elif "pattern" in caps:
            for prop in caps["pattern"][0].named_children:
                if prop.type == "shorthand_property_identifier_pattern":
                    yield from _read(ctx, prop, ctx.text_of(prop), optional=False)
        elif "read" in caps:
            read = caps["read"][0]
            key = caps["key"][0]
            name = ctx.text_of(key) if key.type in ("property_identifier",) else string_content(ctx, key)
            yield from _read(ctx, read, name, optional=_optional(ctx, read))


def _read(ctx: FileContext, node, name: str, optional: bool) -> Iterator[Fact]:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) or PLATFORM.match(name):
        return
    fails_fast = ctx.language == PYTHON and node.type == "subscript" and enclosing_function(node) is None
    yield ctx.fact("env-read", node, name, fails_fast=fails_fast, optional=optional)


def _optional(ctx: FileContext, node) -> bool:
    """A read with a fallback, in a condition, compared, assigned to, or deleted."""
    child, parent = node, node.parent
    while parent is not None and parent.type in ("parenthesized_expression", "non_null_expression", "as_expression"):
        child, parent = parent, parent.parent
    if parent is None:
        return False
    kind = parent.type
    if kind in ("binary_expression", "boolean_operator"):
        op = parent.child_by_field_name("operator")
        return op is None or ctx.text_of(op) not in ("+",)
    if kind in ("unary_expression", "not_operator", "comparison_operator", "ternary_expression",
                "conditional_expression", "if_statement", "while_statement", "assert_statement",
                "delete_statement", "augmented_assignment"):
        return True
    if kind in ("parenthesized_expression",) or kind.endswith("_condition"):
        return True
    if kind in ("assignment_expression", "assignment") and parent.child_by_field_name("left") == child:
        return True
    if kind == "if_statement" or (parent.parent is not None and parent.parent.type == "if_statement"
                                  and parent.parent.child_by_field_name("condition") == parent):
        return True
    if kind == "call" and ctx.text_of(parent.child_by_field_name("function") or parent) in ("bool",):
        return True
    if kind == "unary_expression" and ctx.text_of(parent).startswith("typeof"):
        return True
    return False


def _entry(ctx: FileContext, call, callee: str) -> Fact | None:
    """A server entry point, with where a startup check would go."""
    if ctx.language in JS_LIKE:
        if callee.endswith("createServer") or callee.endswith("serve"):
            if not re.search(r"\.listen\(|\bserve\(", ctx.text):
                return None
        if not _ENTRY_SOURCE.search(ctx.text) and not callee.startswith("NestFactory"):
            return None
        if enclosing_function(call) is not None and not callee.endswith("listen"):
            return None
    elif enclosing_function(call) is not None and not callee.startswith("uvicorn"):
        return None
    return _entry_fact(ctx, call)


def _entry_fact(ctx: FileContext, anchor) -> Fact:
    offset, import_os = insertion_point(ctx)
    return ctx.fact("env-entry", anchor, ctx.relpath, offset=offset, import_os=import_os,
                    language=ctx.language, semicolons=ctx.language in JS_LIKE and uses_semicolons(ctx),
                    indent=indent_unit(ctx), quote=quote_style(ctx), newline=ctx.newline)


def _next_config(ctx: FileContext) -> Iterator[Fact]:
    """A Next.js app's config runs at `next build` and `next start` before any route: the place
    for its startup check (where @t3-oss/env-nextjs has its schema imported). Its own reads
    (`ANALYZE`, build switches) are not the app's."""
    assert ctx.tree is not None
    if _JS_VALIDATION.search(ctx.text):
        yield ctx.fact("env-validation", None, ctx.relpath)
    statements = [c for c in ctx.tree.root_node.named_children if c.type != "comment"]
    exported = [c for c in statements if c.type == "export_statement" and ctx.text_of(c).startswith("export default")
                or c.type == "expression_statement" and ctx.text_of(c).startswith("module.exports")]
    if exported or statements:
        yield _entry_fact(ctx, (exported or statements)[-1])


def _django_settings_anchor(ctx: FileContext):
    """The `INSTALLED_APPS` name of a Django settings module (imported by manage.py, wsgi and
    asgi before anything else runs), or None when it is not assigned at module level."""
    assert ctx.tree is not None
    for child in ctx.tree.root_node.named_children:
        if child.type == "expression_statement" and child.named_children and child.named_children[0].type == "assignment":
            left = child.named_children[0].child_by_field_name("left")
            if left is not None and ctx.text_of(left) == "INSTALLED_APPS":
                return left
    return None


def check_project(project: ProjectContext) -> Iterator[Finding]:
    if project.has("env-validation"):
        return
    optional = {r.value for r in project.facts("env-read") if r.get("optional")}
    reads = [r for r in project.facts("env-read") if not r.get("optional") and r.value not in optional]
    if not reads or all(r.get("fails_fast") for r in reads):
        return
    entries = sorted(project.facts("env-entry"), key=lambda f: (f.path, f.span.start if f.span else 0))
    if not entries:
        return
    entry = entries[0]
    names = sorted({r.value for r in reads})
    first_read = {}
    for r in sorted(reads, key=lambda f: (f.path, f.span.start if f.span else 0)):
        first_read.setdefault(r.value, r)
    shown = ", ".join(f"`{n}` ({_where(project, first_read[n])})" for n in names[:3]) + (" …" if len(names) > 3 else "")
    message = (f"The app reads {len(names)} environment variable{'s' if len(names) != 1 else ''} ({shown}) but "
               f"never checks at startup that they are set: a missing one fails later, far from its cause")
    edit = TextEdit(entry.path, entry.get("offset"), entry.get("offset"), _snippet(entry, names))
    example = TextEdit(f"{project.root}/.env.example", 0, 0, "\n".join(f"{n}=" for n in names) + "\n",
                       "ensure-lines")
    fix = _fix_of(f"Validate the {len(names)} environment variable{'s' if len(names) != 1 else ''} at startup",
                  edit, example)
    yield project.finding(entry, message, [fix])


def _where(project: ProjectContext, read) -> str:
    """`src/auth.ts:12`: where a variable is read, for the message."""
    import os

    rel = os.path.relpath(read.path, project.root).replace(os.sep, "/")
    return f"{rel}:{read.span.start_point[0] + 1}" if read.span is not None else rel


def _fix_of(title: str, *edits: TextEdit):
    from prodlint.api import Fix

    return Fix(title, Applicability.UNSAFE, tuple(edits))


def _snippet(entry: Fact, names: list[str]) -> str:
    return snippet(entry.get("language"), names, newline=entry.get("newline"), indent=entry.get("indent"),
                   quote=entry.get("quote"), semicolons=entry.get("semicolons"), import_os=entry.get("import_os"),
                   at_start=entry.get("offset") == 0)
