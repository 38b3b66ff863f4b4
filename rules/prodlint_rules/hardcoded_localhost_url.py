"""
## What it does
Flags a `localhost`, `127.0.0.1`, `0.0.0.0` or `[::1]` URL or connection string that the
application uses (a `fetch`/`axios` base URL, a database or Redis connection string, a CORS
origin, a cookie domain, a webhook URL), in JavaScript, TypeScript and Python, and in the
configuration that ships with the app: JSON files under `config/` (and the `production` block's
`host` of Sequelize's `config/config.json`), `.env` files that git does not ignore, and the
`environment` of services in `docker-compose*.yml`. A bare `host: "localhost"` counts in a
database or cache connection options object (TypeORM `DataSource`, knexfile, Sequelize, ioredis,
Mongoose; not in a `development`/`test` block or a dev settings file), and
`"http://localhost:" + port + "/path"` counts like its template-literal form.

Bind addresses (`app.listen(3000, "0.0.0.0")`, `app.run(host="127.0.0.1")`), log messages,
comparisons, code under a development guard (`if (process.env.NODE_ENV === "development")`), the
fallback after an env value (`process.env.X ? … : "http://localhost…"`, or an early
`if (process.env.X) return …` before it), text shown to a person (`placeholder`, `title` and
other such JSX attributes), an entry labelled as the development one (`{ url: "http://localhost:3000",
description: "Development server" }` in an OpenAPI server list), a command-line package (a
package.json `bin` with `commander`, `yargs`, `@oclif/core` …, or a package that prompts with
`inquirer`, `prompts` … (a setup wizard run by `npm start`), and no server framework: it runs on
its user's machine, where a login's loopback callback is `localhost`), a file a package.json
task script runs (`"db:setup": "tsx lib/db/setup.ts"`, `seed`, `release`, `eval` …; not `start`,
`worker` or `migrate`), tests, examples, docs and comments are left alone.

## Why is this bad?
The demo works on your machine because the API, the database and the frontend all run there. In
production `localhost` is the server (or the container) itself: requests go nowhere, the
database connection is refused, CORS rejects the real frontend. It usually surfaces only after
deploying.

## Example
```js
const API = "http://localhost:3000";
mongoose.connect("mongodb://localhost:27017/shop");
```

Use instead:
```js
const API = process.env.API_URL;
mongoose.connect(process.env.MONGODB_URI);
```

## Fix safety
The fix replaces the literal with an environment lookup named after its use (`API_URL`,
`DATABASE_URL`, `MONGODB_URI`, `REDIS_URL`, `CORS_ORIGIN`, `WEBHOOK_URL`, …): `process.env.NAME`,
`import.meta.env.VITE_NAME` in Vite client code, `os.environ["NAME"]` in Python (adding
`import os`). In TypeScript, where `process.env.NAME` is `string | undefined` and the literal was a
`string`, it reads `requireEnv("NAME")`, a small helper added to the file, so `--strict` builds
still pass. A path after the origin is kept. It is unsafe: the variable must now be set in every
environment, or the app fails (which is the point). Findings in JSON, `.env` and compose files
carry a suggestion only.

## References
- [The Twelve-Factor App: Config](https://12factor.net/config)
- [Docker: networking in Compose](https://docs.docker.com/compose/how-tos/networking/)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import lru_cache

from prodlint.api import (
    COMPOSE, DOTENV, JAVASCRIPT, JSON, JS_LIKE, PYTHON, TSX, TYPESCRIPT, Applicability, FileContext, FileRole,
    Finding, Rule, Scope, Severity, Span,
)
from prodlint.appmodel import in_dev_guard, in_logging_call
from prodlint.envreads import JS_ENV_OBJECTS, env_lookup, is_keyword_default_call
from prodlint.lineformats import dotenv_entries
from prodlint.roles import is_command_line_root, task_programs
from prodlint.syntax import (
    ancestors, binding_name, callee_text, enclosing_call, is_docstring, python_import_edit, screaming_snake,
    string_content,
)
from prodlint_rules._env_fallbacks import typed_lookup

RULE = Rule(
    code="URL001",
    name="hardcoded-localhost-url",
    category="5",
    scope=Scope.FILE,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON, JSON, DOTENV, COMPOSE}),
    severity=Severity.WARNING,
    fix="replace the literal with an env lookup named after its use",
)

_HOST = r"(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])"
_LOCAL = "localhost|127\\\\.0\\\\.0\\\\.1|0\\\\.0\\\\.0\\\\.0|\\\\[::1\\\\]"
QUERY = {
    lang: f"""
((string) @str (#match? @str "{_LOCAL}"))
((template_string) @str (#match? @str "{_LOCAL}"))
""" for lang in (JAVASCRIPT, TYPESCRIPT, TSX)
}
QUERY[PYTHON] = f'((string) @str (#match? @str "{_LOCAL}"))'
QUERY[JSON] = f'((string) @str (#match? @str "{_LOCAL}"))'
#: what a string `_LOCAL` matches holds, as bytes (the predicate reads the string's own bytes)
_LOCAL_WORDS = (b"localhost", b"127.0.0.1", b"0.0.0.0", b"[::1]")


def may_apply(language: str, relpath: str, source: bytes, role: FileRole) -> bool:
    """False only for a JSON file that is no shipped configuration (`_judged_json`), or holds
    none of `_LOCAL_WORDS`: no string there matches the query, and every JSON finding is a match
    of it."""
    return language != JSON or (_judged_json(relpath) and any(word in source for word in _LOCAL_WORDS))

# A whole value that is a localhost URL: scheme://[user[:pass]@]host[:port][/rest]
URL_RE = re.compile(
    rf"^(?P<origin>(?P<scheme>[a-z][a-z0-9+.-]*)://(?:(?P<userinfo>[^@/\s]*)@)?(?P<host>{_HOST})"
    r"(?::(?P<port>\d+|\$\{[^}]*\}|\{[^}]*\}))?)(?P<rest>[/?#][^\s]*)?$",
    re.I,
)
# localhost:6379 (host:port, as redis/mongo clients also accept)
HOSTPORT_RE = re.compile(r"^(?P<host>localhost|127\.0\.0\.1|\[::1\]):(?P<port>\d+)$")
BARE_RE = re.compile(r"^(localhost|127\.0\.0\.1|\[::1\])$")

DATA_SCHEMES = {
    "mongodb": "MONGODB_URI", "mongodb+srv": "MONGODB_URI", "redis": "REDIS_URL", "rediss": "REDIS_URL",
    "postgres": "DATABASE_URL", "postgresql": "DATABASE_URL", "mysql": "DATABASE_URL",
    "mariadb": "DATABASE_URL", "mssql": "DATABASE_URL", "sqlserver": "DATABASE_URL",
    "postgresql+psycopg2": "DATABASE_URL", "postgresql+psycopg": "DATABASE_URL",
    "postgresql+asyncpg": "DATABASE_URL", "mysql+pymysql": "DATABASE_URL",
    "amqp": "AMQP_URL", "amqps": "AMQP_URL", "nats": "NATS_URL", "kafka": "KAFKA_URL",
}
GENERIC_NAMES = {
    "url", "uri", "href", "baseurl", "base_url", "endpoint", "link", "target", "destination", "value",
    "default", "connectionstring", "connection_string", "dsn", "address", "addr", "src", "action",
    "path", "location", "proxy", "server", "origin", "domain", "host", "hostname", "uri_string",
}
SPECIAL_NAMES = {"origin": "CORS_ORIGIN", "origins": "CORS_ORIGIN", "allowedorigins": "CORS_ORIGIN",
                 "allow_origins": "CORS_ORIGIN", "cors_origins": "CORS_ORIGIN", "domain": "COOKIE_DOMAIN",
                 "redirect_uri": "REDIRECT_URI", "redirecturi": "REDIRECT_URI",
                 "callbackurl": "CALLBACK_URL", "callback_url": "CALLBACK_URL"}
CALL_NAMES = [
    (re.compile(r"mongoose\.(connect|createConnection)|MongoClient"), "MONGODB_URI"),
    (re.compile(r"\b(Pool|Client|Sequelize|knex|createPool|createConnection|create_engine|create_async_engine|"
                r"connect|PrismaClient|drizzle|postgres|psycopg\w*|asyncpg|pymysql|mysql)\b"), "DATABASE_URL"),
    (re.compile(r"\b(createClient|Redis|redis|IORedis|from_url|StrictRedis)\b"), "REDIS_URL"),
    (re.compile(r"\b(io|WebSocket|socket)\b"), "WS_URL"),
]
DB_CALL = re.compile(r"Pool|Client|Sequelize|knex|createPool|createConnection|connect|psycopg|pymysql|mysql|"
                     r"redis|Redis|createClient|MongoClient|Transport|createTransport|SMTP|smtp|Mail|DataSource|"
                     r"TypeOrmModule\.forRoot|MikroORM|forRoot")
# Keys of a database/cache connection options object (TypeORM, Sequelize, knexfile, Mongoose,
# ioredis): a `host` among them is a service address.
CONNECTION_KEYS = frozenset({"database", "dialect", "client", "db", "username", "user", "password", "entities",
                             "synchronize", "dbname", "schema", "connection", "ssl", "pool", "migrations"})
_DEV_PATH = re.compile(r"(^|[/._-])(dev|development|local|test|testing|e2e)([/._-]|$)", re.I)
DEV_BLOCK = re.compile(r"^(dev|development|local|test|testing|ci|e2e|debug)$", re.I)
# `"http://localhost:" + port + "/api"`: the start of a URL that a concatenation completes.
URL_PREFIX_RE = re.compile(rf"^(?P<scheme>[a-z][a-z0-9+.-]*)://(?:[^@/\s]*@)?(?P<host>{_HOST})(?::\d*)?(?P<rest>/\S*)?$",
                           re.I)
HOST_NAME = re.compile(r"^(db|database|redis|mongo|mongodb|postgres|pg|mysql|cache|rabbit|rabbitmq|amqp|smtp|"
                       r"mail|api|backend|service|elastic|elasticsearch|kafka|nats|memcached?)_?host(name)?$", re.I)
BIND_CALLS = re.compile(r"(^|\.)(listen|run|serve|run_simple|bind|createServer)$")
CHECK_METHODS = {"startsWith", "endsWith", "includes", "indexOf", "match", "test", "replace", "replaceAll",
                 "startswith", "endswith", "find", "search", "split", "strip", "lstrip", "rstrip"}
SAFE_PARENTS = {"argument_list", "arguments", "keyword_argument", "assignment", "pair", "list", "array",
                "expression_statement", "return_statement", "variable_declarator", "tuple", "dictionary",
                "default_parameter", "typed_default_parameter", "assignment_expression", "set"}


#: every finding `check` makes on a language of QUERY is a match of it: the engine skips a file without one
FINDINGS_FROM_MATCHES = True


def check(ctx: FileContext) -> Iterator[Finding]:
    if ctx.language == DOTENV:
        yield from _check_dotenv(ctx)
        return
    if ctx.language == COMPOSE:
        yield from _check_compose(ctx)
        return
    if not ctx.matches:
        return  # code and JSON: only the strings the query captures are judged
    if is_command_line_root(ctx.project_root) or ctx.path in task_programs(ctx.project_root):
        return  # a command-line package or a task script runs where its user types: localhost is that machine
    if ctx.language == JSON:
        yield from _check_json(ctx)
        return
    templates = ctx.language != PYTHON and b"`" in ctx.source  # else no string sits in a template literal
    for node in ctx.captures("str"):
        if templates and node.type == "string" and any(a.type == "template_string" for a in _ancestors(ctx, node)):
            continue
        finding = _check_code_string(ctx, node)
        if finding is not None:
            yield finding


# ------------------------------------------------------------------ JS / TS / Python

def _ancestors(ctx: FileContext, node) -> tuple:
    """A captured string's ancestors, climbed once per string (each `.parent` walks down from the
    root): several of the tests below read them."""
    chains = ctx.memo("URL001.ancestors", dict)
    key = (node.start_byte, node.end_byte)
    chain = chains.get(key)
    if chain is None:
        chain = chains[key] = tuple(ancestors(node))
    return chain


def _parent(ctx: FileContext, node):
    """A captured string's parent, from its climbed ancestors (None at the root)."""
    chain = _ancestors(ctx, node)
    return chain[0] if chain else None


def _check_code_string(ctx: FileContext, node) -> Finding | None:
    value = string_content(ctx, node)
    url = URL_RE.match(value)
    hostport = None if url else HOSTPORT_RE.match(value)
    bare = None if (url or hostport) else BARE_RE.match(value)
    prefix = None if (url or hostport or bare) else _concatenated_url(ctx, node, value)
    if prefix is not None:
        return _check_concatenated(ctx, node, value, prefix)
    if not (url or hostport or bare):
        return None
    name = binding_name(ctx, node)
    if _excluded(ctx, node, name):
        return None
    call = enclosing_call(node)
    callee = callee_text(ctx, call) if call is not None else ""
    if bare or hostport:
        if not _host_context(name, callee, ctx, node):
            return None
    if _in_mixed_allowlist(ctx, node):
        return None
    env = _env_name(ctx, node, name, callee, url, bool(bare or hostport))
    shown = _display(value)
    what = "localhost URL" if url else "localhost address"
    message = f"Hardcoded {what} `{shown}`: in production it points at the server itself"
    span = ctx.span(node)  # the finding's and the fix's
    fix = _code_fix(ctx, node, span, env, url)
    return ctx.finding(span, message, [fix] if fix else [])


# names under which a localhost URL is data about URLs, not an address the app uses
NOT_AN_ADDRESS = re.compile(r"(?i)^(placeholder|example|sample|hint|help|pattern|regex|regexp|search|find|match|"
                            r"needle|from|prefix|\w*(Placeholder|Example|Prefix|Pattern|Regex))$")
DEV_ENVIRONMENT_FILE = re.compile(r"(^|/)environments?/environment(\.(dev|development|local|test))?\.[jt]s$")


_ENV_GETTER = re.compile(r"(^|\.)(getenv|get|setdefault)$")
_ENV_OBJECT = re.compile(r"environ|getenv|env")
_TEST_CALL = re.compile(r"(^|\.)(includes|startsWith|endsWith|indexOf|test|match|assert\w*|expect)$")
#: an env read anywhere in an expression: the env objects of `prodlint.envreads` (process.env,
#: import.meta.env, Bun.env), Deno.env, and Python's getters and config lookups
_ENV_READ = re.compile("|".join(re.escape(o) for o in JS_ENV_OBJECTS) +
                       r"|Deno\.env|os\.environ|os\.getenv|getenv\(|\benv\(|config\(")
_ADDRESS_SUFFIX = re.compile(r"(URL|URI|ORIGIN|ORIGINS|HOST|DSN|ENDPOINT|DOMAIN|ADDR|ADDRESS|BROKER)$")
_URL_PASSWORD = re.compile(r"(://[^:@/\s]*:)[^@/\s]+@")
#: `screaming_snake` of a binding name, worked out once per name (a handful per project)
_snake = lru_cache(maxsize=4096)(screaming_snake)


def _keyword_default(ctx: FileContext, node) -> bool:
    """Whether the string is a call's `default=` argument."""
    parent = _parent(ctx, node)
    if parent is None or parent.type != "keyword_argument":
        return False
    key = parent.child_by_field_name("name")
    return key is not None and ctx.text_of(key) == "default"


def _excluded(ctx: FileContext, node, name: str | None) -> bool:
    """Whether the string is no address the app uses; `name` is its `binding_name`."""
    if ctx.language == PYTHON and is_docstring(node):
        return True
    if DEV_ENVIRONMENT_FILE.search(ctx.relpath):
        return True  # Angular's environment.ts: the development build's settings by design
    if name and NOT_AN_ADDRESS.match(name):
        return True
    if _shown_attribute(ctx, node) or _labelled_development_entry(ctx, node, name):
        return True
    if _url_base_argument(ctx, node) or _env_fallback_branch(ctx, node) or _own_server_address(ctx, node):
        return True
    parent = _parent(ctx, node)
    if parent is None:
        return True
    if parent.type in ("import_statement", "export_statement", "literal_type", "import_from_statement",
                       "switch_case", "case_clause", "call_expression", "jsx_text"):
        # import sources, TS literal types, `case "..."`, tagged templates
        if parent.type != "call_expression" or parent.child_by_field_name("arguments") != node:
            return True
    if parent.type == "pair" and parent.child_by_field_name("key") == node:
        return True
    if parent.type in ("binary_expression", "comparison_operator"):
        op = ctx.text_of(parent)
        left = parent.child_by_field_name("left")
        operator = parent.child_by_field_name("operator")
        op_text = ctx.text_of(operator) if operator is not None else op
        if any(o in op_text for o in ("===", "!==", "==", "!=", " in ", " not in ")) or parent.type == "comparison_operator":
            return True
        if op_text in ("||", "??") and left is not None and left != node and _is_env_read(ctx, left):
            return True  # URL002 reports this one
    if parent.type == "object_assignment_pattern":
        decl = next((a for a in _ancestors(ctx, node) if a.type == "variable_declarator"), None)
        value = decl.child_by_field_name("value") if decl is not None else None
        if value is not None and _is_env_read(ctx, value):
            return True  # const { X = "http://localhost" } = process.env: URL002's
    if parent.type == "boolean_operator":
        left = parent.child_by_field_name("left")
        if left is not None and left != node and _is_env_read(ctx, left):
            return True
    if parent.type in ("member_expression", "attribute"):
        grand = parent.parent
        prop = parent.child_by_field_name("property") or parent.child_by_field_name("attribute")
        if prop is not None and ctx.text_of(prop) in CHECK_METHODS:
            return True
        if grand is not None and grand.type in ("call_expression", "call") and prop is not None \
                and ctx.text_of(prop) in ("format",) and False:
            return True
    call = enclosing_call(node)
    if call is not None:
        callee = callee_text(ctx, call)
        if BIND_CALLS.search(callee):
            return True
        if _ENV_GETTER.search(callee) and _ENV_OBJECT.search(callee):
            return True  # os.getenv("X", "http://localhost") is URL002's
        if ctx.language == PYTHON and _keyword_default(ctx, node) and is_keyword_default_call(callee):
            return True  # env("X", default="http://localhost") (django-environ, decouple) is URL002's too
        if _TEST_CALL.search(callee):
            return True
        if callee in ("Error", "TypeError", "HTTPException", "ValueError", "RuntimeError", "Exception"):
            return True
    if any(a.type in ("throw_statement", "raise_statement", "assert_statement") for a in _ancestors(ctx, node)):
        return True
    if in_logging_call(ctx, node):
        return True
    if in_dev_guard(ctx, node):
        return True
    if _in_listen_options(ctx, node):
        return True
    return False


#: JSX attributes whose value is text shown to a person (an input's hint, a tooltip, a label),
#: never an address the page requests
_SHOWN_ATTRIBUTE = re.compile(r"(?i)^(title|alt|label|tooltip|description|caption|helper_?text|aria-[\w-]+)$")


def _shown_attribute(ctx: FileContext, node) -> bool:
    """`<input placeholder="http://localhost:11434" />`, `<Tip title={"http://127.0.0.1:4000"} />`:
    the value of a JSX attribute that is shown, not requested (`NOT_AN_ADDRESS` names, or
    `_SHOWN_ATTRIBUTE`)."""
    chain = _ancestors(ctx, node)
    if chain and chain[0].type == "jsx_expression":
        chain = chain[1:]
    if not chain or chain[0].type != "jsx_attribute" or not chain[0].named_children:
        return False
    attribute = ctx.text_of(chain[0].named_children[0])
    return bool(NOT_AN_ADDRESS.match(attribute) or _SHOWN_ATTRIBUTE.match(attribute))


#: keys of an entry that say what the entry is (OpenAPI `servers`, a list of environments)
_LABEL_KEYS = frozenset({"description", "name", "label", "title", "env", "environment", "stage"})
_DEVELOPMENT_LABEL = re.compile(r"(?i)\b(dev|development|local|localhost|test|testing|sandbox)\b")


def _labelled_development_entry(ctx: FileContext, node, name: str | None) -> bool:
    """`{ url: "http://localhost:3000", description: "Development server" }` (an OpenAPI server
    list, swagger-jsdoc's `servers`, FastAPI's `servers=[…]`): an entry whose own label says it is
    the development one, listed on purpose beside the others."""
    if name is None:
        return False
    pair = _parent(ctx, node)
    if pair is None or pair.type != "pair" or pair.child_by_field_name("value") != node:
        return False
    entry = pair.parent
    if entry is None or entry.type not in ("object", "dictionary"):
        return False
    for sibling in entry.named_children:
        if sibling.type != "pair" or sibling == pair:
            continue
        key, value = sibling.child_by_field_name("key"), sibling.child_by_field_name("value")
        if key is None or value is None or value.type != "string":
            continue
        if ctx.text_of(key).strip("'\"").lower() in _LABEL_KEYS \
                and _DEVELOPMENT_LABEL.search(string_content(ctx, value)):
            return True
    return False


def _url_base_argument(ctx: FileContext, node) -> bool:
    """`new URL(path, "http://localhost")`: a base to parse a relative path against; also through
    a constant that is only ever that base (`const base = host ? `https://${host}` :
    "https://localhost"; new URL(path, base)`)."""
    chain = _ancestors(ctx, node)
    if _is_url_base(ctx, chain[1] if len(chain) >= 2 else None, chain[0] if chain else None, node):
        return True
    child = node
    for parent in chain:
        if parent.type == "parenthesized_expression" or parent.type == "ternary_expression" and \
                parent.child_by_field_name("condition") != child or parent.type == "binary_expression" and \
                parent.child_by_field_name("right") == child and _operator(ctx, parent) in ("||", "??"):
            child = parent
            continue
        if parent.type == "variable_declarator" and parent.child_by_field_name("value") == child:
            return _only_url_base(ctx, parent)
        return False
    return False


#: a template's port read from the address a server of this process was given
#: (`${address.port}`, `${server.address().port}`, `${addr.port}`)
_BOUND_PORT = re.compile(r":\$\{\s*(?:[\w$]+\.)*(?:address\(\)|address|addr)\.port\s*\}")


def _own_server_address(ctx: FileContext, node) -> bool:
    """`http://127.0.0.1:${address.port}`: the address of a server this process started on a port
    the system chose (`listen(0)`: a local proxy, a callback for a command's sign-in), which
    only this process can know: it is meant to point at the process itself."""
    return node.type == "template_string" and _BOUND_PORT.search(ctx.text_of(node)) is not None


def _operator(ctx: FileContext, node) -> str:
    op = node.child_by_field_name("operator")
    return ctx.text_of(op) if op is not None else ""


def _is_url_base(ctx: FileContext, new, args, node) -> bool:
    """Whether `node` is the second argument (`args`) of `new URL(…)` (`new`)."""
    if new is None or args is None or args.type != "arguments" or new.type != "new_expression":
        return False
    if callee_text(ctx, new) != "URL":
        return False
    named = [c for c in args.named_children if c.type != "comment"]
    return len(named) >= 2 and named[1] == node


def _only_url_base(ctx: FileContext, declarator) -> bool:
    """Whether the `const` (or `let`) `declarator` binds is read, in the block it is declared in,
    only as the base of `new URL(…)` whose parts alone are read (`_parts_read`), and at least once."""
    name = declarator.child_by_field_name("name")
    if name is None or name.type != "identifier":
        return False
    scope = declarator.parent.parent if declarator.parent is not None else None
    if scope is None:
        return False
    uses = 0
    for found in _reads_of(ctx, name, scope):
        args = found.parent
        new = args.parent if args is not None else None
        if found.type != "identifier" or not _is_url_base(ctx, new, args, found) or not _parts_read(ctx, new, scope):
            return False
        uses += 1
    return uses > 0


def _reads_of(ctx: FileContext, name, scope) -> Iterator:
    """The nodes at each other place `scope`'s text spells the name `name` binds, but for a
    property (`x.base`) and text in a string or a comment, which read no binding: an `identifier`
    where the binding is read, or whatever other node stands there (a shorthand property, a
    template's text), which the callers take for a use they cannot follow."""
    word = ctx.text_of(name).encode()
    for m in re.finditer(rb"(?<![\w$])%s(?![\w$])" % re.escape(word), ctx.source[scope.start_byte:scope.end_byte]):
        start = scope.start_byte + m.start()
        if start == name.start_byte:
            continue
        found = scope.descendant_for_byte_range(start, start + len(word))
        if found is not None and found.type not in ("property_identifier", "string_fragment", "comment"):
            yield found


#: parts of a parsed URL that are data about it: reading them sends nothing anywhere (`href`,
#: `origin`, `toString()` give back a whole address, which may be requested)
_URL_PARTS = frozenset({"pathname", "search", "searchParams", "hash", "hostname", "host", "port", "protocol"})


def _parts_read(ctx: FileContext, new, scope) -> bool:
    """Whether only `_URL_PARTS` of the URL `new` builds are read: directly (`new URL(p, b).pathname`)
    or through the `const` it is bound to, in `scope`. A URL passed on (`fetch(new URL(p, base))`)
    or read whole is an address."""
    parent = new.parent
    if parent is not None and parent.type == "member_expression" and parent.child_by_field_name("object") == new:
        prop = parent.child_by_field_name("property")
        return prop is not None and ctx.text_of(prop) in _URL_PARTS
    if parent is None or parent.type != "variable_declarator" or parent.child_by_field_name("value") != new:
        return False
    name = parent.child_by_field_name("name")
    if name is None or name.type != "identifier":
        return False
    for found in _reads_of(ctx, name, scope):
        member = found.parent
        if found.type != "identifier" or member is None or member.type != "member_expression" \
                or member.child_by_field_name("object") != found:
            return False
        prop = member.child_by_field_name("property")
        if prop is None or ctx.text_of(prop) not in _URL_PARTS:
            return False
    return True


def _env_fallback_branch(ctx: FileContext, node) -> bool:
    """The localhost branch of a fallback on an env value: `process.env.X ? … : "http://localhost"`,
    or `if (!url) url = "http://localhost"` (a silent fallback, URL002's concern, not a hardcoded
    address)."""
    child = node
    for parent in _ancestors(ctx, node):
        if parent.type in ("ternary_expression", "conditional_expression"):
            cond = parent.child_by_field_name("condition")
            if cond is None and parent.named_child_count >= 2:
                cond = parent.named_children[1]
            if cond is not None and cond != child and _tests_env(ctx, cond):
                return True
        elif parent.type in ("if_statement",):
            cond = parent.child_by_field_name("condition")
            text = ctx.text_of(cond) if cond is not None else ""
            if re.fullmatch(r"\(?\s*(!|not\s+)\s*[\w.]+\s*\)?", text):
                return True
        elif parent.type == "return_statement" and _after_env_return(ctx, parent):
            return True
        elif parent.type in ("statement_block", "block") and parent.parent is not None \
                and parent.parent.type in FUNCTION_BODIES:
            return False
        child = parent
    return False


def _after_env_return(ctx: FileContext, statement) -> bool:
    """`if (process.env.VERCEL_URL) return `https://${…}`; return "http://localhost:3000";`: the
    last return of a function that first returns when an env value is set, which is the ternary
    `process.env.X ? … : "http://localhost…"` written as statements."""
    before = statement.prev_named_sibling
    while before is not None:
        if before.type == "if_statement":
            cond = before.child_by_field_name("condition")
            then = before.child_by_field_name("consequence")
            if cond is not None and then is not None and before.child_by_field_name("alternative") is None \
                    and _tests_env(ctx, cond) and not ctx.text_of(cond).lstrip("( ").startswith(("!", "not ")) \
                    and _returns(then):
                return True
        elif before.type != "comment":
            return False
        before = before.prev_named_sibling
    return False


def _returns(branch) -> bool:
    """Whether an `if`'s branch is a return (alone, or as its block's last statement)."""
    if branch.type == "return_statement":
        return True
    statements = [c for c in branch.named_children if c.type != "comment"]
    if branch.type in ("statement_block", "block") and statements:
        return statements[-1].type == "return_statement"
    return False


FUNCTION_BODIES = frozenset({"function_declaration", "function_expression", "arrow_function", "method_definition",
                             "function_definition"})


def _is_env_read(ctx: FileContext, node) -> bool:
    text = ctx.text_of(node)
    return _ENV_READ.search(text) is not None


#: a validated env object's variable (`env.NEXT_PUBLIC_APP_URL` of t3-env's `createEnv`, an `Env`
#: module): read in a condition, it says the branch beside it is the fallback for when it is unset
_ENV_MEMBER = re.compile(r"(?<![\w.$])[eE]nv\.[A-Z][A-Z0-9_]*\b")


def _tests_env(ctx: FileContext, condition) -> bool:
    """Whether a condition reads an env value: `_is_env_read`, or an env object's variable."""
    return _is_env_read(ctx, condition) or _ENV_MEMBER.search(ctx.text_of(condition)) is not None


def _in_listen_options(ctx: FileContext, node) -> bool:
    """`server.listen({ host: "127.0.0.1", port })`, `uvicorn.run(app, host=...)`."""
    for parent in _ancestors(ctx, node):
        if parent.type in ("call_expression", "call", "new_expression"):
            return bool(BIND_CALLS.search(callee_text(ctx, parent)))
        if parent.type in ("statement_block", "block", "program", "module"):
            return False
    return False


def _concatenated_url(ctx: FileContext, node, value: str):
    parent = node.parent
    if parent is None or parent.type not in ("binary_expression", "binary_operator") \
            or parent.child_by_field_name("left") != node:
        return None
    op = parent.child_by_field_name("operator")
    if op is None or ctx.text_of(op) != "+":
        return None
    m = URL_PREFIX_RE.match(value)
    return m if m is not None and m.group("host") != "0.0.0.0" else None


def _check_concatenated(ctx: FileContext, node, value: str, prefix) -> Finding | None:
    """`"http://localhost:" + port + "/path"`: the template-literal form, written with `+`."""
    if _excluded(ctx, node, binding_name(ctx, node)):
        return None
    top = node.parent
    while top.parent is not None and top.parent.type == top.type:
        top = top.parent
    name = binding_name(ctx, top)
    if name and NOT_AN_ADDRESS.match(name):
        return None
    message = f"Hardcoded localhost URL `{_display(value)}…` built by concatenation: in production it points at the server itself"
    return ctx.finding(top, message, [ctx.fix("Build the URL from an environment variable (e.g. API_URL) instead",
                                              Applicability.DISPLAY)])


def _connection_options(ctx: FileContext, node, name: str | None) -> bool:
    """`{ type: "postgres", host: "localhost", port: 5432, database: "shop" }`: a `host` in a
    connection options object (TypeORM DataSource, Sequelize, knexfile, Mongoose, ioredis), not in
    a block for development or tests."""
    if (name or "").lower() not in ("host", "hostname", "server"):
        return False
    if _DEV_PATH.search(ctx.relpath):
        return False  # settings/local.py, config/dev.ts: development settings by design
    pair = node.parent
    obj = pair.parent if pair is not None and pair.type == "pair" else None
    if obj is None or obj.type not in ("object", "dictionary"):
        return False
    keys = set()
    for sibling in obj.named_children:
        key = sibling.child_by_field_name("key") if sibling.type == "pair" else None
        if key is not None:
            keys.add(ctx.text_of(key).strip("'\"").lower())
    if not (keys & CONNECTION_KEYS) or not (keys & {"port", "database", "db", "dialect", "client", "password"}):
        return False
    for parent in ancestors(obj):
        if parent.type == "pair":
            key = parent.child_by_field_name("key")
            if key is not None and DEV_BLOCK.match(ctx.text_of(key).strip("'\"")):
                return False
    return True


def _host_context(name: str | None, callee: str, ctx: FileContext, node) -> bool:
    """A bare `localhost` / `localhost:6379` counts only where it is clearly a service address."""
    if name and HOST_NAME.match(name.replace("-", "_")):
        return True
    if _connection_options(ctx, node, name):
        return True
    lowered = (name or "").lower()
    if lowered in ("host", "hostname", "server", "url", "uri", "connectionstring", "redis_url", "broker"):
        outer = _outer_call(ctx, node)
        return bool(outer and DB_CALL.search(callee_text(ctx, outer)))
    if name is None and callee and DB_CALL.search(callee):
        return True
    if name and re.search(r"(url|uri)$", lowered) and lowered not in GENERIC_NAMES:
        return True
    return False


def _outer_call(ctx: FileContext, node):
    for parent in _ancestors(ctx, node):
        if parent.type in ("call_expression", "new_expression", "call"):
            return parent
        if parent.type in ("statement_block", "block", "program", "module", "function_definition"):
            return None
    return None


def _in_mixed_allowlist(ctx: FileContext, node) -> bool:
    """`["https://app.example.com", "http://localhost:3000"]`: a deliberate allowlist."""
    parent = _parent(ctx, node)
    if parent is None or parent.type not in ("array", "list", "tuple", "set"):
        return False
    for sibling in parent.named_children:
        if sibling.type in ("string", "template_string") and sibling != node:
            text = string_content(ctx, sibling)
            if "://" in text and not re.search(_HOST, text):
                return True
    return False


def _env_name(ctx: FileContext, node, name: str | None, callee: str, url, is_host: bool) -> str:
    if name:
        key = name.lower().replace("-", "_")
        if key in SPECIAL_NAMES or key.replace("_", "") in SPECIAL_NAMES:
            return SPECIAL_NAMES.get(key) or SPECIAL_NAMES[key.replace("_", "")]
        if key not in GENERIC_NAMES and key.replace("_", "") not in GENERIC_NAMES:
            env = _snake(name)
            if is_host:
                return env
            if not _ADDRESS_SUFFIX.search(env):
                env += "_URL"
            return env
    if url is not None:
        scheme = url.group("scheme").lower()
        if scheme in DATA_SCHEMES:
            return DATA_SCHEMES[scheme]
    outer = _outer_call(ctx, node)
    outer_callee = callee_text(ctx, outer) if outer is not None else callee
    if is_host:
        if re.search(r"redis|Redis|createClient", outer_callee):
            return "REDIS_HOST"
        if re.search(r"Transport|SMTP|smtp|Mail", outer_callee):
            return "SMTP_HOST"
        return "DB_HOST"
    for pattern, env in CALL_NAMES:
        if pattern.search(outer_callee):
            return env
    if url is not None and "webhook" in (url.group("rest") or "").lower():
        return "WEBHOOK_URL"
    return "API_URL"


def _display(value: str) -> str:
    """The value as shown in messages: a password in the URL is masked."""
    shown = _URL_PASSWORD.sub(r"\1****@", value) if "@" in value else value  # no password without an @
    return shown if len(shown) <= 80 else shown[:77] + "…"


def _code_fix(ctx: FileContext, node, span: Span, env: str, url):
    lookups = ctx.memo("URL001.env_lookup", dict)  # the lookup reads the whole file: once per name
    lookup = lookups.get(env) or lookups.setdefault(env, env_lookup(ctx, env))
    rest = ""
    if url is not None and url.group("scheme").lower() not in DATA_SCHEMES:
        rest = url.group("rest") or ""
        if rest == "/":
            rest = ""
    lookup, extra = typed_lookup(ctx, env, lookup)  # `requireEnv("X")` in TypeScript: `--strict` builds pass
    title = f"Replace with {lookup}"
    parent = _parent(ctx, node)
    if ctx.language in JS_LIKE:
        if rest:
            rest_js = rest.replace("`", "\\`")
            if node.type != "template_string":
                rest_js = rest_js.replace("${", "\\${")
            replacement = f"`${{{lookup}}}{rest_js}`"
        else:
            replacement = lookup
        if parent is not None and parent.type == "jsx_attribute":
            replacement = "{" + replacement + "}"
        return ctx.fix(title, Applicability.UNSAFE, ctx.replace(span, replacement), *extra)
    # Python
    text = ctx.text_of(node)
    if rest:
        prefix = re.match(r"^[rRbBuUfF]{0,2}", text).group(0)
        quote = text[len(prefix)]
        if text[len(prefix):].startswith(quote * 3):
            return None  # triple-quoted URL: rare; leave it to the author
        replacement = f"{lookup} + {prefix}{quote}{rest}{quote}"
        if parent is not None and parent.type not in SAFE_PARENTS:
            replacement = f"({replacement})"
    else:
        replacement = lookup
    edits = [ctx.replace(span, replacement)]
    imp = ctx.memo("URL001.import_os", lambda: python_import_edit(ctx, "os"))
    if imp is not None:
        edits.insert(0, imp)
    return ctx.fix(title, Applicability.UNSAFE, *edits)


# ------------------------------------------------------------------ shipped configuration

_DEV_CONFIG = re.compile(r"(^|[./_-])(dev|development|local|test|testing|ci|e2e|example|sample|template|default\.dev)"
                         r"([./_-]|$)", re.I)


def _judged_json(relpath: str) -> bool:
    """Whether a JSON file is shipped configuration, the only JSON judged: in a `config/` folder
    or named as settings, and not named for development or tests (a translation catalogue's
    "http://localhost:9000" is help text)."""
    base = os.path.basename(relpath)
    in_config = "/config/" in f"/{relpath}" or base in ("config.json", "appsettings.json", "settings.json")
    return in_config and not _DEV_CONFIG.search(base) and base != "custom-environment-variables.json"


def _check_json(ctx: FileContext) -> Iterator[Finding]:
    if not _judged_json(ctx.relpath):
        return
    base = os.path.basename(ctx.relpath)
    for node in ctx.captures("str"):
        parent = node.parent
        if parent is not None and parent.type == "pair" and parent.child_by_field_name("key") == node:
            continue
        value = string_content(ctx, node)
        if BARE_RE.match(value) and _production_host(ctx, node):
            yield ctx.finding(node, f"Hardcoded localhost host `{value}` in the production settings of `{base}`: "
                                    f"in production it points at the server itself",
                              [ctx.fix("Read the host from an environment variable (Sequelize: "
                                       "`\"use_env_variable\": \"DATABASE_URL\"`)", Applicability.DISPLAY)])
            continue
        if not URL_RE.match(value) or URL_RE.match(value).group("host") == "0.0.0.0":
            continue
        yield ctx.finding(node, f"Hardcoded localhost URL `{_display(value)}` in shipped configuration "
                                f"`{base}`: in production it points at the server itself",
                          [ctx.fix("Read this value from an environment variable instead", Applicability.DISPLAY)])


def _production_host(ctx: FileContext, node) -> bool:
    """`"production": { "host": "127.0.0.1", … }` (Sequelize CLI's config/config.json)."""
    pair = node.parent
    if pair is None or pair.type != "pair" or pair.child_by_field_name("value") != node:
        return False
    key = string_content(ctx, pair.child_by_field_name("key")).lower()
    if key not in ("host", "hostname"):
        return False
    for parent in ancestors(pair):
        if parent.type == "pair":
            outer = string_content(ctx, parent.child_by_field_name("key")).lower()
            if outer in ("production", "prod", "staging"):
                return True
    return False


_DOTENV_SKIP = re.compile(r"^\.env\.(example|sample|template|defaults?|dist|development|dev|local|test|testing|ci)"
                          r"(\..*)?$|\.local$", re.I)


#: the hosts `URL_RE`, `HOSTPORT_RE` and `BARE_RE` accept, as lower-case bytes
_LOCAL_HOST_BYTES = (b"localhost", b"127.0.0.1", b"0.0.0.0", b"[::1]")


def _may_name_localhost(source: bytes) -> bool:
    """Whether a line of the file may hold a value the address patterns accept: one of their
    hosts, in any case (`URL_RE` ignores case). Non-ASCII text always may: ignoring case, `ſ`
    matches `s`."""
    if not source.isascii():
        return True
    lowered = source.lower()
    return any(host in lowered for host in _LOCAL_HOST_BYTES)


def _check_dotenv(ctx: FileContext) -> Iterator[Finding]:
    base = os.path.basename(ctx.path)
    if ctx.role.git_ignored or _DOTENV_SKIP.search(base) or not _may_name_localhost(ctx.source):
        return
    for entry in dotenv_entries(ctx.lines()):
        if "." in entry.name:
            continue
        line, offset_line = entry.line, entry.line_start
        key, value = entry.name, re.sub(r"\s+#.*$", "", entry.raw).strip()
        if value[:1] in "\"'" and value.endswith(value[:1]) and len(value) >= 2:
            value = value[1:-1]
        url = URL_RE.match(value)
        if not url and not (HOST_NAME.match(key) and BARE_RE.match(value)):
            continue
        if url and url.group("host") == "0.0.0.0":
            continue
        start = offset_line + line.encode().find(value.encode())
        span = ctx.span_of(start, start + len(value.encode()))
        yield ctx.finding(span, f"`{key}` is a hardcoded localhost address in `{base}`, which git does not "
                                f"ignore: it ships with the app and points at the server itself",
                          [ctx.fix(f"Set {key} in the deployment environment and git-ignore {base}",
                                   Applicability.DISPLAY)])


_TRAILING_COMMENT = re.compile(r"(?<!\s)\s+#.*$")
#: an entry, its value (group 3) to the line's end: `_entry_value` takes off what `(.*?)\1?\s*$`
#: left out (that pattern tried the blanks after each byte of a value holding a long run of them)
_COMPOSE_ENTRY = re.compile(r"^-?\s*([\"']?)([A-Za-z_][A-Za-z0-9_]*)\s*[=:]\s*(.*)$")


def _entry_value(entry: re.Match[str]) -> str:
    """The value as the former pattern took it: without its trailing blanks, nor then one closing
    quote like the key's opening one."""
    value = entry.group(3).rstrip()
    quote = entry.group(1)
    return value[:-1] if quote and value.endswith(quote) else value


def _check_compose(ctx: FileContext) -> Iterator[Finding]:
    base = os.path.basename(ctx.path)
    if re.search(r"(dev|local|test|override|ci)", base, re.I):
        return
    if b"environment:" not in ctx.source or not _may_name_localhost(ctx.source):
        return  # every value reported sits under a line `environment:` and names a local host
    in_services = False
    service = None
    env_indent = None
    service_indent = None
    offset = 0
    for line in ctx.lines():
        line_start = offset
        offset += len(line.encode()) + 1
        content = line.rstrip("\r")
        if "#" in content:
            content = _TRAILING_COMMENT.sub("", content)
        stripped = content.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(content) - len(content.lstrip(" "))
        if indent == 0:
            in_services = stripped.startswith("services:")
            service = env_indent = service_indent = None
            continue
        if not in_services:
            continue
        if service_indent is None or indent <= service_indent:
            if stripped.endswith(":") and not stripped.startswith("-"):
                service, service_indent, env_indent = stripped[:-1], indent, None
            continue
        if env_indent is not None and indent <= env_indent:
            env_indent = None
        if env_indent is None:
            if stripped.startswith("environment:"):
                env_indent = indent
            continue
        m = _COMPOSE_ENTRY.match(stripped)
        if not m:
            continue
        key, value = m.group(2), _entry_value(m).strip().strip("\"'")
        url = URL_RE.match(value)
        if not url and not (HOST_NAME.match(key) and BARE_RE.match(value)):
            continue
        start = line_start + content.encode().find(value.encode())
        span = ctx.span_of(start, start + len(value.encode()))
        yield ctx.finding(span, f"`{key}` of service `{service}` points at localhost: inside a container that is "
                                f"the container itself, not the host or another service",
                          [ctx.fix("Use the other service's name as host (e.g. `db`, `redis`)", Applicability.DISPLAY)])
