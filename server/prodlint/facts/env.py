"""Environment facts of server code: which variables it reads (and whether it copes with one
missing), which files validate the environment at startup, and where the server starts (the
place a startup check goes: the listen/serve call, `Flask(__name__)`/`FastAPI()` at module level,
a Django settings module; a Next.js `next.config.*` is read by `env_nextjs`).

Reads in tests, scripts and browser code are not the server's and give no facts. Kinds are
declared in `prodlint.facts.kinds`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.context import FileContext
from prodlint.core import Fact
from prodlint.facts._build import sorted_fact
from prodlint.appmodel import PY_SERVER_CLASSES
from prodlint.envreads import (
    PY_ENV_GETTERS, PY_ENVIRON_OBJECT, PY_GETTER, SERVER_ENV_OBJECT, is_optional_read, query_regex,
)
from prodlint.languages import JAVASCRIPT, JS_LIKE, PYTHON, TSX, TYPESCRIPT
from prodlint.syntax import enclosing_function, file_search, string_content

TARGETS = (JAVASCRIPT, TYPESCRIPT, TSX, PYTHON)
#: reads in tests, scripts and examples are not the server's: the engine skips those files
RUNTIME = True

_JS = f"""
((member_expression object: (member_expression) @obj property: (property_identifier) @key) @read
 (#eq? @obj "{SERVER_ENV_OBJECT}"))
((subscript_expression object: (member_expression) @obj index: (string) @key) @read
 (#eq? @obj "{SERVER_ENV_OBJECT}"))
((variable_declarator name: (object_pattern) @pattern value: (member_expression) @obj)
 (#eq? @obj "{SERVER_ENV_OBJECT}"))
((call_expression function: [(identifier) @_last (member_expression property: (property_identifier) @_last)]
                  @entry) @call
 (#any-of? @_last "listen" "createServer" "serve"))
((call_expression function: (member_expression object: (identifier) @_object property: (property_identifier) @_last)
                  @entry) @call
 (#eq? @_object "NestFactory") (#eq? @_last "create"))
"""
# Server starts are told by the callee's last name: a predicate on `function: (_)` would read the
# text of every call's callee, chains included, and cost a large part of the query pass.
QUERY = {lang: _JS for lang in (JAVASCRIPT, TYPESCRIPT, TSX)}
QUERY[PYTHON] = f"""
((subscript value: (_) @obj subscript: (string) @key) @read
 (#match? @obj "{query_regex(PY_ENVIRON_OBJECT)}"))
((call function: [(identifier) (attribute)] @fn arguments: (argument_list . (string) @key .)) @read
 (#match? @fn "{query_regex(PY_GETTER)}"))
((call function: [(identifier) (attribute)] @entry) @call
 (#match? @entry "^({"|".join(PY_SERVER_CLASSES)}|uvicorn\\\\.run|web\\\\.Application)$"))
"""

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_JS_VALIDATION_LIBS = re.compile(
    r"""['"](envalid|@t3-oss/env-[\w-]+|env-var|dotenv-safe|@nestjs/config|znv|env-schema|@julr/vite-plugin-validate-env)['"]|"""
    r"""\bcleanEnv\(|\bcreateEnv\(|\bvalidateEnv\("""
)
#: what a match of `_JS_VALIDATION_LIBS` holds, under a shorter word each holds (one search per group
#: instead of one per key: this runs on every server file)
_JS_VALIDATION_KEYS = (("env-", ("@t3-oss/env-", "env-var", "dotenv-safe", "env-schema")), ("-env", ("validate-env",)),
                       ("enva", ("envalid",)), ("Env(", ("cleanEnv(", "createEnv(", "validateEnv(")),
                       ("znv", ("znv",)), ("@nestjs/config", ("@nestjs/config",)))
_JS_SCHEMA_PARSE = re.compile(rf"\.(safeParse|parse|validate)\(\s*{re.escape(SERVER_ENV_OBJECT)}\s*[,)]")
_JS_NEGATED_ENV = re.compile(rf"!\s*{re.escape(SERVER_ENV_OBJECT)}(\.\w+|\[[^\]]+\])")
_JS_FAIL = re.compile(r"\bthrow\b|process\.exit")
_PY_VALIDATION_LIBS = re.compile(
    r"\bBaseSettings\b|\bfrom environs\b|\bimport environs\b|\b_require_env\(|\benviron\.Env\(|\bfrom decouple\b")
#: what a match of `_PY_VALIDATION_LIBS` holds ("environ" is in "environs" and "environ.Env(")
_PY_VALIDATION_WORDS = ("BaseSettings", "environ", "_require_env(", "decouple")
_PY_NEGATED_ENV = re.compile(rf"\bnot\s+(?:{'|'.join(re.escape(g) for g in PY_ENV_GETTERS)})\(")
_PY_MISSING_LIST = re.compile(r"missing\s*=\s*\[[^\]]*environ")
_PY_FAIL = re.compile(r"\braise\b|sys\.exit|\bexit\(")
_PY_RAISE = re.compile(r"\braise\b|sys\.exit")
_LISTENS = re.compile(r"\.listen\(|\bserve\(")
_ENTRY_SOURCE = re.compile(r"\b(express|fastify|koa|hono|http|https|@nestjs/core|restify|@hapi/hapi)\b")
_NEXT_CONFIG = re.compile(r"^next\.config\.(js|mjs|cjs|ts|mts)$")


def is_next_config(relpath: str) -> bool:
    """A Next.js app's `next.config.*` at its project root."""
    return _NEXT_CONFIG.match(relpath) is not None
_DJANGO_SETTINGS = re.compile(r"^(ROOT_URLCONF|MIDDLEWARE|DATABASES|WSGI_APPLICATION)\s*=", re.M)


def facts(ctx: FileContext) -> Iterator[Fact]:
    if ctx.language in JS_LIKE and is_next_config(ctx.relpath):
        return  # its facts come from `env_nextjs`
    if ctx.tree is None or ctx.role.non_production or ctx.role.client or ctx.role.vite_client:
        return
    if validates_env(ctx.language, ctx.text):
        yield ctx.fact("env_validation", None, ctx.relpath)
    if ctx.language == PYTHON and "INSTALLED_APPS" in ctx.text and _DJANGO_SETTINGS.search(ctx.text):
        settings = _django_settings_anchor(ctx)
        if settings is not None:
            yield ctx.fact("startup", settings, ctx.relpath)
    for _, caps in ctx.matches:
        if "entry" in caps:
            call = caps["call"][0]
            if _starts_server(ctx, call, ctx.text_of(caps["entry"][0])):
                yield ctx.fact("startup", call, ctx.relpath)
        elif "pattern" in caps:
            for prop in caps["pattern"][0].named_children:
                if prop.type == "shorthand_property_identifier_pattern":
                    yield from _read(ctx, prop, ctx.text_of(prop), optional=False)
        elif "read" in caps:
            read, key = caps["read"][0], caps["key"][0]
            name = ctx.text_of(key) if key.type == "property_identifier" else string_content(ctx, key)
            yield from _read(ctx, read, name, optional=is_optional_read(ctx, read))


def validates_env(language: str, text: str) -> bool:
    """Whether a file validates its environment: a schema library (envalid, t3-env, zod on
    `process.env`, pydantic settings, environs, decouple, django-environ) or a fail-fast check."""
    if language == PYTHON:
        if any(word in text for word in _PY_VALIDATION_WORDS) and _PY_VALIDATION_LIBS.search(text):
            return True
        if "environ" not in text and "getenv" not in text:
            return False
        return _followed_within(text, _PY_NEGATED_ENV, _PY_FAIL, 300) or \
            _followed_within(text, _PY_MISSING_LIST, _PY_RAISE, 300)
    if any(gate in text and any(k in text for k in keys) for gate, keys in _JS_VALIDATION_KEYS) \
            and _JS_VALIDATION_LIBS.search(text):
        return True
    if SERVER_ENV_OBJECT not in text:
        return False
    return bool(_JS_SCHEMA_PARSE.search(text)) or _followed_within(text, _JS_NEGATED_ENV, _JS_FAIL, 400)


def _followed_within(text: str, starts: re.Pattern[str], then: re.Pattern[str], limit: int) -> bool:
    """`starts` matches and `then` begins at most `limit` characters after it: the regex
    `starts[\\s\\S]{0,limit}?then`, as two linear scans instead of backtracking."""
    for m in starts.finditer(text):
        hit = then.search(text, m.end(), m.end() + limit + 20)
        if hit is not None and hit.start() - m.end() <= limit:
            return True
    return False


def _read(ctx: FileContext, node, name: str, optional: bool) -> Iterator[Fact]:
    if not _ENV_NAME.fullmatch(name):
        return
    fails_fast = ctx.language == PYTHON and node.type == "subscript" and enclosing_function(node) is None
    yield sorted_fact(ctx, "env_read", node, name, (("fails_fast", fails_fast), ("optional", optional)))


def _starts_server(ctx: FileContext, call, callee: str) -> bool:
    """A call that starts the server at load time (not inside a function, unless it is listen)."""
    if ctx.language in JS_LIKE:
        if callee.endswith("createServer") or callee.endswith("serve"):
            if not file_search(ctx, _LISTENS):
                return False
        if not file_search(ctx, _ENTRY_SOURCE) and not callee.startswith("NestFactory"):
            return False
        return enclosing_function(call) is None or callee.endswith("listen")
    return enclosing_function(call) is None or callee.startswith("uvicorn")


def _django_settings_anchor(ctx: FileContext):
    """The `INSTALLED_APPS` name of a Django settings module (imported by manage.py, wsgi and
    asgi before anything else runs), or None when it is not assigned at module level."""
    for child in ctx.tree.root_node.named_children:
        if child.type == "expression_statement" and child.named_children and child.named_children[0].type == "assignment":
            left = child.named_children[0].child_by_field_name("left")
            if left is not None and ctx.text_of(left) == "INSTALLED_APPS":
                return left
    return None
