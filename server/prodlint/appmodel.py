"""The JS/Python app model a rule reads from one file: imports, server objects (apps, routers) and
their frameworks, DB/cache clients, loggers and logging calls, development guards, Python apps
and scripts. Environment reads are recognised in `prodlint.envreads`. Per-file results are kept
in the file's declared cache."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from prodlint.bytesearch import ASCII_JS_NAME_BYTES, finder

from prodlint.syntax import (
    FUNCTION_TYPES, _memo, ancestors, callee_text, field_ids, js_call_name, js_declarations, py_assignments,
    py_call_name, quoted_content, string_content, unwrap_js, walk_types,
)

if TYPE_CHECKING:
    import tree_sitter as ts

    from prodlint.context import FileContext

LOGGING_OBJECTS = frozenset({"console", "logger", "log", "logging", "winston", "pino", "debug", "Logger", "this.logger", "app.logger", "fastify.log", "req.log", "request.log"})
LOGGING_FUNCTIONS = frozenset({"print", "debug", "log"})

_DEV_CONDITION = re.compile(
    r"NODE_ENV|\bDEV\b|isDev|IS_DEV|isDevelopment|__DEV__|development|DEBUG|\.debug\b|FLASK_ENV|"
    r"APP_ENV|ENVIRONMENT|isLocal|IS_LOCAL|hostname\s*===?\s*['\"]localhost|['\"]localhost['\"]\s*===?|"
    r"import\.meta\.env\.(DEV|MODE)|settings\.DEBUG|\btesting\b|TESTING|"
    # a continuous-integration run's variables: the branch configures the CI job (its database)
    r"\bCI\b|GITHUB_ACTIONS|GITHUB_WORKFLOW|GITLAB_CI|CIRCLECI|\bTRAVIS\b|BUILDKITE|JENKINS_URL",
)


def is_logging_call(ctx: FileContext, call: ts.Node) -> bool:
    """console.log(...), logger.info(...), print(...), logging.warning(...), app.logger.x(...)."""
    callee = callee_text(ctx, call)
    if callee in LOGGING_FUNCTIONS:
        return True
    obj, _, method = callee.rpartition(".")
    return bool(obj) and (obj in LOGGING_OBJECTS or obj.endswith(("logger", "Logger", ".log")))


def in_logging_call(ctx: FileContext, node: ts.Node) -> bool:
    for parent in ancestors(node):
        if parent.type in ("call_expression", "call") and is_logging_call(ctx, parent):
            return True
        if parent.type in FUNCTION_TYPES or parent.type in ("statement_block", "block"):
            return False
    return False




def in_dev_guard(ctx: FileContext, node: ts.Node, above: list[ts.Node] | None = None) -> bool:
    """Inside an `if`/ternary/`&&` whose condition looks at the environment (NODE_ENV, DEBUG,
    import.meta.env.DEV, hostname === "localhost", a CI variable such as GITHUB_ACTIONS):
    development-, test- or CI-only code on purpose. `above`:
    the node's ancestors when the caller has them (`syntax.ancestor_list`)."""
    child = node
    for parent in ancestors(node) if above is None else above:
        cond = None
        if parent.type in ("if_statement", "ternary_expression", "conditional_expression", "elif_clause"):
            cond = parent.child_by_field_name("condition")
            if cond is None and parent.type == "conditional_expression" and parent.named_child_count >= 2:
                cond = parent.named_children[1]
        elif parent.type in ("binary_expression", "boolean_operator") and child != parent.child_by_field_name("left"):
            cond = parent.child_by_field_name("left")
        if cond is not None and cond != child and _DEV_CONDITION.search(ctx.text_of(cond)):
            return True
        child = parent
    return False


# ---------------------------------------------------------------- server model helpers
# What a JS/TS/Python server file binds: imports, clients, loggers. Shared by the framework facts
# (prodlint.facts) and by the rules whose fixes write code that must use those names.

JS_DB_CLIENTS: dict[str, tuple[str, str]] = {
    # kind: (readiness expression, close expression); `{n}` is the client's name
    "pg": ("{n}.query('SELECT 1')", "{n}.end()"),
    "mysql": ("{n}.query('SELECT 1')", "{n}.end()"),
    "prisma": ("{n}.$queryRaw`SELECT 1`", "{n}.$disconnect()"),
    "mongoose": ("{n}.connection.db.admin().ping()", "{n}.connection.close()"),
    "mongodb": ("{n}.db().command({{ ping: 1 }})", "{n}.close()"),
    "redis": ("{n}.ping()", "{n}.quit()"),
    "knex": ("{n}.raw('SELECT 1')", "{n}.destroy()"),
    "sequelize": ("{n}.authenticate()", "{n}.close()"),
}
PY_DB_CLIENTS: dict[str, tuple[str, str]] = {
    "sqlalchemy": ("", "{n}.dispose()"),
    "flask_sqlalchemy": ("{n}.session.execute({n}.text('SELECT 1'))", ""),
    "redis": ("{n}.ping()", "{n}.close()"),
}
_JS_CLIENT_CALLS = [
    (re.compile(r"^(new )?(pg\.)?Pool$"), "pg", ("pg", "pg-pool", "@neondatabase/serverless")),
    (re.compile(r"^(new )?(pg\.)?Client$"), "pg", ("pg",)),
    (re.compile(r"^(mysql2?\.)?createPool$|^(mysql2?\.)?createConnection$"), "mysql", ("mysql", "mysql2", "mysql2/promise")),
    (re.compile(r"^(new )?PrismaClient$"), "prisma", ("@prisma/client",)),
    (re.compile(r"^(new )?MongoClient$"), "mongodb", ("mongodb",)),
    (re.compile(r"^(redis\.)?createClient$"), "redis", ("redis", "@redis/client")),
    (re.compile(r"^(new )?(IORedis|Redis)$"), "redis", ("ioredis",)),
    (re.compile(r"^(knex|Knex)$"), "knex", ("knex",)),
    (re.compile(r"^(new )?Sequelize$"), "sequelize", ("sequelize",)),
]
_JS_CLIENT_MODULES = frozenset(m for _, _, mods in _JS_CLIENT_CALLS for m in mods)
_JS_CLIENT_NAMES = {"prisma": "prisma", "redis": "redis", "redisClient": "redis", "pool": "pg", "knex": "knex",
                    "sequelize": "sequelize", "mongoose": "mongoose"}
_JS_CLIENT_NAME_SET = frozenset(_JS_CLIENT_NAMES)
#: searches from the words' capitals (`finder`): asked of every JavaScript file
_HOLDS_PRISMA_CLIENT, _HOLDS_LOGGER = finder(b"PrismaClient"), finder(b"Logger")
_JS_LOGGER_CALLS = re.compile(r"^(pino|winston\.createLogger|createLogger|bunyan\.createLogger|Pino|log4js\.getLogger)$")
_JS_LOGGER_MODULES = ("pino", "winston", "bunyan", "log4js", "signale", "consola", "loglevel", "roarr", "tslog")


@_memo
def js_imports(ctx: FileContext) -> dict[str, str]:
    """Local name -> module source, for ESM imports and CommonJS requires at any depth
    (`import x from "m"`, `import { a as b } from "m"`, `import * as x`, `const x = require("m")`,
    `const { a } = require("m")`, TS `import x = require("m")`), and dynamic imports of a module
    named by a string (`const { run } = await import("./step.mjs")`). The module itself is under ""."""
    assert ctx.tree is not None
    out: dict[str, str] = {}
    nodes = list(walk_types(ctx.tree.root_node, {"import_statement"}, ctx))
    requires = list(_require_calls(ctx))
    dynamic = list(_dynamic_imports(ctx))
    if dynamic:
        requires = sorted(requires + dynamic, key=lambda n: (n.start_byte, -n.end_byte)) if requires else dynamic
    if requires:  # both in document order, as one walk finds them
        nodes = sorted(nodes + requires, key=lambda n: (n.start_byte, -n.end_byte)) if nodes else requires
    if not nodes:
        return out
    # Every file asks for its imports: fields by id (a name is looked up on each call) and the
    # text of names and module strings sliced here (`ctx.text_of`, `string_content` inlined)
    data = ctx.source
    source_field, alias_field, arguments_field = field_ids(ctx, "source", "alias", "arguments")
    plain = not ctx.tree.root_node.has_error  # a simple import's text then says what its tree holds
    for node in nodes:
        if node.type == "import_statement":
            if source_field is None or alias_field is None:
                continue  # a grammar without these fields (not JavaScript) has no ESM import to read
            simple = _simple_import_of(data[node.start_byte:node.end_byte]) if plain else None
            if simple is not None:
                module, names = simple
                out.setdefault("", module)
                for name in names:
                    out[name] = module
                continue
            source = node.child_by_field_id(source_field)
            if source is None:
                req = next((c for c in node.named_children if c.type == "import_require_clause"), None)
                if req is not None:
                    src = req.child_by_field_name("source")
                    name = next((c for c in req.named_children if c.type == "identifier"), None)
                    if src is not None and name is not None:
                        out[ctx.text_of(name)] = string_content(ctx, src)
                continue
            module = quoted_content(data, source)
            out.setdefault("", module)
            for ident, parent in _named_identifiers(node):
                if parent.type == "import_specifier" and parent.child_by_field_id(alias_field) not in (None, ident):
                    continue
                out[data[ident.start_byte:ident.end_byte].decode("utf-8", "replace")] = module
            continue
        args = node.child_by_field_id(arguments_field)
        first = args.named_children if args is not None else ()
        if not first or first[0].type != "string":
            continue
        module = quoted_content(data, first[0])
        decl = node.parent  # above the call and what wraps it (each `.parent` searches from the root: asked once)
        while decl is not None and decl.type in ("member_expression", "await_expression", "parenthesized_expression",
                                                 "call_expression"):
            decl = decl.parent
        if decl is not None and decl.type == "variable_declarator":
            name = decl.child_by_field_name("name")
            if name is not None:
                if name.type == "identifier":
                    out[ctx.text_of(name)] = module
                else:
                    for ident, parent in _named_identifiers(name, _PATTERN_NAMES):
                        if parent.type == "pair_pattern" and parent.child_by_field_name("key") == ident:
                            continue
                        out[ctx.text_of(ident)] = module
        out.setdefault(" " + module, module)
    return out


_IDENT = r"[A-Za-z_$][\w$]*"
_NAMED = r"""\{(?P<%s>[^{}'"`/\\]*)\}"""
#: an ESM import in one of its common shapes, with ASCII names and spaces (`re.ASCII`), no
#: comment, no attribute and a module string without escapes: `import x from "m"`,
#: `import { a, b as c } from "m"`, `import * as x from "m"`, `import x, { a } from "m"`,
#: `import type { A } from "m"`, `import "m"`
_SIMPLE_IMPORT = re.compile(
    rf"""import\s+(?:type\s+)?(?:"""
    rf"""(?P<first>{_IDENT})\s*,\s*(?:{_NAMED % "named"}\s*|\*\s*as\s+(?P<ns>{_IDENT})\s+)"""
    rf"""|(?P<default>{_IDENT})\s+|{_NAMED % "only"}\s*|\*\s*as\s+(?P<only_ns>{_IDENT})\s+)"""
    rf"""from\s*(?P<q>["'])(?P<module>[^"'\\\n]*)(?P=q)\s*;?"""
    rf"""|import\s*(?P<q2>["'])(?P<bare>[^"'\\\n]*)(?P=q2)\s*;?""", re.ASCII)
_SPECIFIER = rf"{_IDENT}(?:\s+as\s+{_IDENT})?"
#: the text between the braces: specifiers separated by commas, maybe a trailing one (or nothing)
_SPECIFIER_LIST = re.compile(rf"\s*(?:{_SPECIFIER}(?:\s*,\s*{_SPECIFIER})*\s*,?)?\s*", re.ASCII)
_SPECIFIER_PARTS = re.compile(rf"({_IDENT})(?:\s+as\s+({_IDENT}))?", re.ASCII)
#: words that are keywords in some place of an import: a statement naming one is read from its tree
_IMPORT_WORDS = frozenset({"type", "typeof", "as", "from", "default", "import", "export", "async", "await",
                           "defer", "source", "module", "assert", "with"})


def simple_import(text: str) -> tuple[str, list[str]] | None:
    """(module, the names it binds in order) of an import statement's text in a common shape
    (`_SIMPLE_IMPORT`); None for any other shape (its tree is read then). The names are those
    `js_imports` reads from the tree of such a statement in a file without syntax errors: the
    default name, then the namespace or each specifier's local name (its alias, else its name);
    a test compares both readings."""
    m = _SIMPLE_IMPORT.fullmatch(text)
    if m is None:
        return None
    first, named, namespace, default, only, only_namespace, _, module, _, bare = m.groups()
    if bare is not None:
        return bare, []
    names = [first or default] if first or default else []
    if namespace or only_namespace:
        names.append(namespace or only_namespace)
    if names and not _IMPORT_WORDS.isdisjoint(names):
        return None
    specifiers = named if named is not None else only
    if specifiers:
        if _SPECIFIER_LIST.fullmatch(specifiers) is None:
            return None
        for name, alias in _SPECIFIER_PARTS.findall(specifiers):
            if name in _IMPORT_WORDS or alias in _IMPORT_WORDS:
                return None
            names.append(alias or name)
    return module, names


@lru_cache(maxsize=8192)
def _simple_import_of(statement: bytes) -> tuple[str, tuple[str, ...]] | None:
    """`simple_import` of a statement's bytes, kept per statement: an app's files import the same
    modules the same way again and again (about two imports in three repeat one seen before)."""
    found = simple_import(statement.decode("utf-8", "replace"))
    return None if found is None else (found[0], tuple(found[1]))


_IDENTIFIER = frozenset({"identifier"})
_PATTERN_NAMES = frozenset({"identifier", "shorthand_property_identifier_pattern"})
#: nodes that hold no names (a string's parts are text, escapes and character references)
_NO_NAMES = frozenset({"string", "comment"})


def _named_identifiers(node: ts.Node, types: frozenset[str] = _IDENTIFIER) -> list[tuple[ts.Node, ts.Node]]:
    """(name, its parent) of every node of `types` (leaves: identifiers) below `node`, in document
    order: through named children only (the grammars' anonymous nodes are tokens without
    children), so the keywords, braces and commas of an import are never looked at, and each
    name's parent is at hand without `.parent` (which searches down from the root). A list built
    by plain recursion (a generator per level costs more for these few names)."""
    found: list[tuple[ts.Node, ts.Node]] = []
    _collect_named(node, types, found)
    return found


def _collect_named(node: ts.Node, types: frozenset[str], found: list[tuple[ts.Node, ts.Node]]) -> None:
    for child in node.named_children:
        kind = child.type
        if kind in types:
            found.append((child, node))
        elif kind not in _NO_NAMES:
            _collect_named(child, types, found)  # a leaf has no named children: nothing is added


#: the ASCII bytes that continue a JavaScript name (one byte each)
_NAME_BYTES = frozenset(bytes([b]) for b in ASCII_JS_NAME_BYTES)


def _require_calls(ctx: FileContext) -> Iterator[ts.Node]:
    """The calls whose callee is `require`, in document order: found from where the file's bytes
    hold the word (a callee spelling `require` spans exactly those bytes), not by looking at every
    call of the file."""
    assert ctx.tree is not None
    source, root = ctx.source, ctx.tree.root_node
    at = source.find(b"require")
    while at >= 0:
        end = at + 7
        if source[end:end + 1] in _NAME_BYTES:  # `required`: a name token never stops inside a run of
            at = source.find(b"require", end)  # name characters, so none spans exactly these bytes
            continue
        node = root.descendant_for_byte_range(at, end)
        while node is not None and node.start_byte == at and node.end_byte == end:
            parent = node.parent
            if parent is not None and parent.type == "call_expression":
                fn = parent.child_by_field_name("function")
                if fn is not None and fn.start_byte == at and fn.end_byte == end:
                    yield parent
                    break
            node = parent
        at = source.find(b"require", end)


def _dynamic_imports(ctx: FileContext) -> Iterator[ts.Node]:
    """The `import("m")` calls, in document order: found from where the file's bytes hold
    `import(` (prettier and every formatter write no space there), as `_require_calls` finds
    `require`. Their arguments are read as a `require`'s are."""
    assert ctx.tree is not None
    source, root = ctx.source, ctx.tree.root_node
    at = source.find(b"import(")
    while at >= 0:  # `reimport(`, `obj.import(`: the keyword is no `import` node there
        node = root.descendant_for_byte_range(at, at + 6)  # the keyword, in an `import` node
        while node is not None and node.type == "import":
            node = node.parent
        if node is not None and node.type == "call_expression" and node.start_byte == at:
            yield node
        at = source.find(b"import(", at + 7)


@_memo
def js_db_clients(ctx: FileContext) -> list[tuple[str, str]]:
    """(kind, name) of the database/cache clients this JS/TS file can reach by name: created here
    (`new Pool()`, `new PrismaClient()`, `createClient()`, `new Redis()`, `knex()`, `new Sequelize`,
    `mysql.createPool`, `new MongoClient`), imported by a telling name (`prisma`, `redis`, `pool`),
    or the mongoose module. Kinds are keys of JS_DB_CLIENTS."""
    imports = js_imports(ctx)
    out: dict[str, str] = {}
    # a created client needs its module imported (or is a PrismaClient): most files skip the declarations
    creates = not _JS_CLIENT_MODULES.isdisjoint(imports.values()) or _HOLDS_PRISMA_CLIENT(ctx.source)
    modules = set(imports.values()) if creates else set()
    for name, value in js_declarations(ctx).items() if creates else ():
        if imports.get(name):
            continue
        call = js_call_name(ctx, value)
        for pattern, kind, mods in _JS_CLIENT_CALLS:
            if call and pattern.match(call) and (modules & set(mods) or kind in ("prisma",)):
                out.setdefault(name, kind)
                break
    for name, module in imports.items() if not _JS_CLIENT_NAME_SET.isdisjoint(imports) else ():
        if name not in _JS_CLIENT_NAMES or name in out:
            continue  # (both cases below name one of them: "mongoose" is)
        if module == "mongoose" and name == "mongoose":
            out[name] = "mongoose"
        elif module.startswith((".", "@/", "~/", "src/")) and name in _JS_CLIENT_NAMES:
            out[name] = _JS_CLIENT_NAMES[name]
    return [(kind, name) for name, kind in out.items()]


@_memo
def js_logger(ctx: FileContext) -> str | None:
    """The name of a logger this JS/TS file already has (created here or imported), else None."""
    imports = js_imports(ctx)
    # a logger call's callee holds pino, Pino, createLogger or getLogger: most files skip the declarations
    source = ctx.source
    creates = b"ino" in source and (b"pino" in source or b"Pino" in source) \
        or _HOLDS_LOGGER(source) and (b"createLogger" in source or b"getLogger" in source)
    for name, value in js_declarations(ctx).items() if creates else ():
        call = js_call_name(ctx, value)
        if call and _JS_LOGGER_CALLS.match(call.removeprefix("new ")) and not imports.get(name):
            return name
    if "logger" not in imports and "log" not in imports:
        return None  # (the names the loop below looks for)
    for name, module in imports.items():
        if name in ("logger", "log") and (module.startswith((".", "@/", "~/", "src/")) or module in _JS_LOGGER_MODULES):
            return name
    return None


@_memo
def py_imports(ctx: FileContext) -> dict[str, str]:
    """Local name -> dotted module (for `from m import x`: "m.x"), at any depth."""
    assert ctx.tree is not None
    out: dict[str, str] = {}
    nodes = list(walk_types(ctx.tree.root_node, {"import_statement", "import_from_statement"}, ctx))
    if not nodes:
        return out
    # every Python file asks: fields by id, texts sliced here (`ctx.text_of` inlined)
    data = ctx.source
    alias_field, name_field, module_field = field_ids(ctx, "alias", "name", "module_name")

    def text(node: ts.Node) -> str:
        return data[node.start_byte:node.end_byte].decode("utf-8", "replace")

    for node in nodes:
        if node.type == "import_statement":
            for child in node.named_children:
                if child.type == "aliased_import":
                    out[text(child.child_by_field_id(alias_field))] = text(child.child_by_field_id(name_field))
                elif child.type == "dotted_name":
                    dotted = text(child)
                    out[dotted.split(".")[0]] = dotted
            continue
        module_node = node.child_by_field_id(module_field)
        module = text(module_node) if module_node is not None else ""
        for child in node.named_children:
            if child == module_node:
                continue
            if child.type == "aliased_import":
                out[text(child.child_by_field_id(alias_field))] = f"{module}.{text(child.child_by_field_id(name_field))}"
            elif child.type == "dotted_name":
                out[text(child)] = f"{module}.{text(child)}"
    return out


#: what the source of a file calling a client maker of `py_db_clients` holds ("Redis" is in "StrictRedis")
_PY_CLIENT_WORDS = (b"create_engine", b"create_async_engine", b"SQLAlchemy", b"Redis", b"from_url")


@_memo
def py_db_clients(ctx: FileContext) -> list[tuple[str, str]]:
    """(kind, name) of SQLAlchemy engines, Flask-SQLAlchemy objects and redis clients bound here."""
    out: list[tuple[str, str]] = []
    if not any(word in ctx.source for word in _PY_CLIENT_WORDS):
        return out  # no client-creating call is named here: the assignments need no look
    for name, value in py_assignments(ctx).items():
        call = py_call_name(ctx, value).rpartition(".")[2]
        if call in ("create_engine", "create_async_engine"):
            out.append(("sqlalchemy", name))
        elif call == "SQLAlchemy":
            out.append(("flask_sqlalchemy", name))
        elif call in ("Redis", "StrictRedis", "from_url") and "redis" in ctx.text_of(value).lower() + str(py_imports(ctx)):
            out.append(("redis", name))
    return out


@_memo
def py_logger(ctx: FileContext) -> str | None:
    """The name of a module logger (`logger = logging.getLogger(...)`, structlog, loguru)."""
    imports = py_imports(ctx)
    for name, module in imports.items():
        if module == "loguru.logger":
            return name
    if b"getLogger" not in ctx.source and b"get_logger" not in ctx.source:
        return None
    for name, value in py_assignments(ctx).items():
        call = py_call_name(ctx, value)
        if call.endswith(("getLogger", "get_logger")) and value.parent is not None \
                and value.parent.parent is not None and value.parent.parent.parent is not None \
                and value.parent.parent.parent.type == "module":
            return name
    return None


JS_FRAMEWORK_MODULES = {
    "express": "express", "express-promise-router": "express", "fastify": "fastify", "koa": "koa",
    "@koa/router": "koa", "koa-router": "koa", "hono": "hono", "@hono/node-server": "hono",
    "@nestjs/core": "nestjs", "@nestjs/common": "nestjs", "next": "next", "next/server": "next",
    "http": "http", "node:http": "http", "https": "http", "node:https": "http", "http2": "http", "node:http2": "http",
    "restify": "restify", "@hapi/hapi": "hapi", "polka": "polka", "micro": "micro",
}
#: modules through whose import a file may create a server object below: Next.js (`next`,
#: `next/server`) creates none (no branch of `js_server_objects` takes the "next" framework), and
#: Next.js pages import it more than any other framework
_CREATES_OBJECTS = frozenset(module for module, fw in JS_FRAMEWORK_MODULES.items() if fw != "next")
SERVER_OBJECT_NAMES = re.compile(r"^(app|server|api|router|\w+Router|\w+Routes|routes|fastify|instance|httpServer|srv|"
                                 r"application|web|webApp|expressApp|apiRouter)$")


@_memo
def js_server_objects(ctx: FileContext) -> dict[str, tuple[str, str]]:
    """Variable name -> (framework, kind) for the HTTP objects this JS/TS file creates: kind "app"
    (`express()`, `Fastify()`, `new Koa()`, `new Hono()`, `NestFactory.create()`), "router"
    (`express.Router()`, `new Router()` of @koa/router), "server" (`http.createServer()`, the value
    of `app.listen()`)."""
    imports = js_imports(ctx)
    out: dict[str, tuple[str, str]] = {}
    if _CREATES_OBJECTS.isdisjoint(imports.values()) and b"NestFactory.create" not in ctx.source:
        return out  # every object below is created through a framework's import (or NestFactory)
    decls = js_declarations(ctx)
    members = js_member_bindings(ctx)
    if members:  # `this.app = express()` in a class: the object is named by its member expression
        decls = {**decls, **{name: value for name, value in members.items() if name not in decls}}
    for name, value in decls.items():
        node = unwrap_js(value)
        if node is None or node.type not in ("call_expression", "new_expression"):
            continue
        fn = node.child_by_field_name("function") or node.child_by_field_name("constructor")
        if fn is None:
            continue
        if fn.type == "member_expression" and ctx.text_of(fn).startswith("require(") \
                and ctx.text_of(fn).endswith(".Router"):  # require("express").Router()
            module = imports.get(name, "")
            if JS_FRAMEWORK_MODULES.get(module) == "express":
                out[name] = ("express", "router")
            continue
        if fn.type == "call_expression" and callee_text(ctx, fn) == "require":
            module = imports.get(name, "")  # const app = require("express")()
            fw = JS_FRAMEWORK_MODULES.get(module)
            if fw in ("express", "fastify", "koa", "restify", "polka"):
                out[name] = (fw, "app")
            continue
        callee = ctx.text_of(fn)
        head, _, rest = callee.partition(".")
        module = imports.get(head, "")
        fw = JS_FRAMEWORK_MODULES.get(module)
        new = node.type == "new_expression"
        if rest == "listen" and head in out:
            out[name] = (out[head][0], "server")
        elif fw is None:
            if callee.endswith("NestFactory.create"):
                out[name] = ("nestjs", "app")
            continue
        elif fw == "express" and not rest and module == "express" and not new and head != "Router":
            out[name] = ("express", "app")
        elif fw == "express" and (rest == "Router" or (not rest and (module == "express-promise-router"
                                                                     or head == "Router"))):
            out[name] = ("express", "router")
        elif fw == "fastify" and not rest:
            out[name] = ("fastify", "app")
        elif fw == "koa" and new and not rest:
            out[name] = ("koa", "router" if module != "koa" else "app")
        elif fw == "hono" and new and not rest:
            out[name] = ("hono", "app")
        elif fw == "http" and (rest == "createServer" or (not rest and head == "createServer")):
            out[name] = ("http", "server")
        elif fw in ("restify", "polka") and (rest == "createServer" or not rest):
            out[name] = (fw, "app")
        elif fw == "nestjs" and callee.endswith("NestFactory.create"):
            out[name] = ("nestjs", "app")
    return out


def _creation_names(imports: dict[str, str]) -> tuple[str, ...]:
    """The names through which this file may create a framework's object: what it imports from
    one (`express`, `Koa`, `Fastify`), and NestFactory."""
    return tuple(sorted({name for name, module in imports.items()
                         if module in _CREATES_OBJECTS and name and not name.startswith(" ")} | {"NestFactory"}))


@lru_cache(maxsize=256)
def _member_creation(names: tuple[str, ...]) -> re.Pattern[bytes]:
    """The `=` of an assignment (maybe `await`/`new`) of a call of one of `names` (a project
    imports the same few)."""
    return re.compile(rb"=\s*(?:await\s+)?(?:new\s+)?(?:" + b"|".join(re.escape(n.encode()) for n in names) + rb")\b")


#: the nodes binding a member of a class: `this.app = …` and fields (`app = …`, `public app: A = …`)
_MEMBER_BINDINGS = frozenset({"assignment_expression", "public_field_definition", "field_definition"})


@_memo
def js_member_bindings(ctx: FileContext) -> dict[str, ts.Node]:
    """`this.name` -> the value first bound to it by a call of a name the file imports from a
    server framework (`js_server_objects` reads these): an assignment in a constructor or a method
    (`this.app = express()`) or a field (`app = express()`, `public app: Application =
    express()`). Apps written as a class (`class App { constructor() { this.app = express();
    this.app.use(…) } }`) are as common as a module-level `const app`. Found from the bytes: every
    such creation is an `=` followed by the imported name, and the node at that `=` is its binding
    (a walk of the whole tree for every assignment cost a tenth of a scan of generated apps)."""
    out: dict[str, ts.Node] = {}
    if ctx.tree is None:
        return out
    pattern = _member_creation(_creation_names(js_imports(ctx)))
    root = ctx.tree.root_node
    for hit in pattern.finditer(ctx.source):
        token = root.descendant_for_byte_range(hit.start(), hit.start() + 1)
        node = token.parent if token is not None and token.type == "=" else None
        if node is None or node.type not in _MEMBER_BINDINGS:
            continue  # `const app = express()` (a declaration), or an `=` inside a string or comment
        if node.type == "assignment_expression":
            left, value = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is None or value is None or left.type != "member_expression":
                continue
            obj, prop = left.child_by_field_name("object"), left.child_by_field_name("property")
            if obj is None or prop is None or obj.type != "this" or prop.type != "property_identifier":
                continue
        else:
            prop, value = node.child_by_field_name("name") or node.child_by_field_name("property"), \
                node.child_by_field_name("value")
            if prop is None or value is None or prop.type != "property_identifier":
                continue
        out.setdefault("this." + ctx.text_of(prop), value)
    return out


def _bindings_holding(ctx: FileContext, node_type: str, name_field: str, value_field: str,
                      words: tuple[bytes, ...]) -> dict[str, ts.Node] | None:
    """`py_assignments` (name -> value of the first `node_type` binding a plain identifier)
    narrowed to the names that some `node_type` holding one of `words` binds, in the same order,
    without a look at every binding of the file; None when that is not exact (a tree with syntax
    errors, where a binding may not start with its name, or a name that is not the file's bytes)
    or not worth it. A binding of another name never holds those words, so a caller looking only
    for values that hold them finds the same ones."""
    assert ctx.tree is not None
    root, source = ctx.tree.root_node, ctx.source
    if root.has_error:
        return None
    bindings = list(walk_types(root, {node_type}, ctx))
    if len(bindings) < 4 * len(words):
        return None  # a few bindings: looking at each costs less than searching for every word
    offsets: list[int] = []
    for word in words:
        at = source.find(word)
        while at >= 0:
            offsets.append(at)
            at = source.find(word, at + 1)
    if not offsets:
        return {}
    offsets.sort()
    names: set[str] = set()
    count = len(offsets)
    for node in bindings:
        i = bisect_left(offsets, node.start_byte)
        if i < count and offsets[i] < node.end_byte:  # the binding holds a word
            name = node.child_by_field_name(name_field)
            if name is not None and name.type == "identifier":
                names.add(ctx.text_of(name))
    if any("\ufffd" in name for name in names):
        return None
    out: dict[str, ts.Node] = {}
    if not names:
        return out
    wanted = tuple(name.encode("utf-8") for name in names)
    starts = source.startswith
    for node in bindings:
        if not starts(wanted, node.start_byte):
            continue  # a binding starts with its name
        name = node.child_by_field_name(name_field)
        if name is None or name.type != "identifier":
            continue
        value = node.child_by_field_name(value_field)
        if value is not None:
            key = ctx.text_of(name)
            if key in names and key not in out:
                out[key] = value
    return out


def js_frameworks(ctx: FileContext) -> set[str]:
    """Server frameworks this JS/TS file imports."""
    return {JS_FRAMEWORK_MODULES[m] for m in js_imports(ctx).values() if m in JS_FRAMEWORK_MODULES}


@_memo
def _js_app_frameworks(ctx: FileContext) -> frozenset[str]:
    """The app frameworks this JS/TS file imports (not the bare `http` module, not Next.js)."""
    return frozenset(js_frameworks(ctx) - {"http", "next"})


def js_object_framework(ctx: FileContext, name: str) -> tuple[str, str] | None:
    """(framework, kind) of a receiver name: one this file creates, else a conventional name
    (`app`, `router`, `fastify`, `server`) in a file importing exactly one server framework, or a
    Fastify plugin's instance parameter. Kept per name for the file: a file calls methods on the
    same few receivers again and again."""
    known: dict[str, tuple[str, str] | None] = ctx.memo("prodlint.appmodel.js_object_framework", dict)
    try:
        return known[name]
    except KeyError:
        found = known[name] = _js_object_framework(ctx, name)
        return found


def _js_object_framework(ctx: FileContext, name: str) -> tuple[str, str] | None:
    objects = js_server_objects(ctx)
    if name in objects:
        return objects[name]
    if not SERVER_OBJECT_NAMES.match(name):
        return None
    frameworks = _js_app_frameworks(ctx)
    if len(frameworks) == 1:
        fw = next(iter(frameworks))
        return fw, ("router" if "outer" in name or "oute" in name else "app")
    if name in ("fastify", "instance") and not frameworks:
        return "fastify", "app"
    return None

def js_receiver_framework(ctx: FileContext, node: ts.Node) -> tuple[str, str] | None:
    """(framework, kind) of the object a method is called on: a name (see js_object_framework),
    or an inline `http.createServer(...)` / `express()` call."""
    node = unwrap_js(node)
    if node is None:
        return None
    if node.type in ("call_expression", "new_expression"):
        callee = js_call_name(ctx, node).removeprefix("new ")
        head, _, rest = callee.partition(".")
        fw = JS_FRAMEWORK_MODULES.get(js_imports(ctx).get(head, ""))
        if fw == "http" and (rest == "createServer" or head == "createServer"):
            return "http", "server"
        if fw in ("express", "fastify", "koa", "hono") and not rest:
            return fw, "app"
        return None
    return js_object_framework(ctx, ctx.text_of(node))


# ---------------------------------------------------------------- Python apps
# The one definition of a Python web app: which modules are frameworks, which classes create an
# app or a router, which function names are app factories. Read by the framework facts
# (prodlint.facts.python), the start-up facts (prodlint.facts.env), the development-server facts
# (prodlint.facts.debug) and the start-up timing of the migration rules.

PY_FRAMEWORK_MODULES = {"flask": "flask", "fastapi": "fastapi", "django": "django", "starlette": "starlette",
                        "quart": "flask", "sanic": "sanic", "litestar": "litestar", "aiohttp": "aiohttp"}
PY_APP_CLASSES = {"Flask": ("flask", "app"), "Quart": ("flask", "app"), "FastAPI": ("fastapi", "app"),
                  "Starlette": ("starlette", "app"), "Blueprint": ("flask", "router"),
                  "APIRouter": ("fastapi", "router"), "Router": ("starlette", "router")}
#: what the source of a file calling one of PY_APP_CLASSES holds ("Router" is in "APIRouter")
_PY_APP_CLASS_WORDS = tuple(c.encode() for c in PY_APP_CLASSES if c != "APIRouter")
# Classes whose call creates a web app: where a server starts. Sanic apps are recognised as
# servers but not modelled (no app or route facts).
PY_SERVER_CLASSES = tuple(c for c, (_, kind) in PY_APP_CLASSES.items() if kind == "app") + ("Sanic",)
PY_APP_FACTORY = re.compile(r"^(create|make|build|init|get)_?app(lication)?$")
_PY_APP_CALL = re.compile(r"\b(" + "|".join(PY_SERVER_CLASSES) + r")\(")


class PyServerObject(NamedTuple):
    """An app or router a Python file creates: `app = Flask(__name__)`, `bp = Blueprint(...)`."""

    framework: str
    kind: str  # "app" | "router"
    cls: str  # the class called (`Flask`, `APIRouter`)
    module: str  # the module the class comes from (`flask.Flask`)
    value: ts.Node  # the creating call


@_memo
def py_server_objects(ctx: FileContext) -> dict[str, PyServerObject]:
    """Name -> the app or router this Python file binds to it, created by a framework class."""
    imports = py_imports(ctx)
    out = {}
    if not any(word in ctx.source for word in _PY_APP_CLASS_WORDS) \
            or not any(m.split(".")[0] in PY_FRAMEWORK_MODULES for m in imports.values()):
        return out  # no framework class is called here: the file's assignments need no look
    # the class's name ends the callee of the assigned call: only the names bound by an
    # assignment holding one of the names need a look
    assigned = _bindings_holding(ctx, "assignment", "left", "right", _PY_APP_CLASS_WORDS)
    for name, value in (py_assignments(ctx) if assigned is None else assigned).items():
        call = py_call_name(ctx, value)
        cls = call.rpartition(".")[2]
        if cls not in PY_APP_CLASSES:
            continue
        module = imports.get(call.split(".")[0], "")
        if module.split(".")[0] not in PY_FRAMEWORK_MODULES:
            continue
        fw, kind = PY_APP_CLASSES[cls]
        out[name] = PyServerObject(fw, kind, cls, module, value)
    return out


def py_flask_app(ctx: FileContext, name: str) -> tuple[bool, bool]:
    """Whether `name` is a Flask app in this file, and whether certainly: `Flask(__name__)` is
    certain; an app factory's result (`create_app()`) or a name imported from the project (not
    from a framework) is one only when the project uses Flask (the caller checks)."""
    obj = py_server_objects(ctx).get(name)
    if obj is not None:
        return obj.cls == "Flask" and obj.module.split(".")[0] == "flask", True
    value = py_assignments(ctx).get(name)
    if value is not None:
        return bool(PY_APP_FACTORY.match(py_call_name(ctx, value).rpartition(".")[2])), False
    module = py_imports(ctx).get(name, "")
    return bool(module) and module.split(".")[0] not in PY_FRAMEWORK_MODULES, False


def is_py_app_factory(ctx: FileContext, fn: ts.Node) -> bool:
    """A function that builds the app (`def create_app():`, or any function whose body calls
    `Flask(...)`, `FastAPI(...)` …): it runs when the server starts."""
    name = fn.child_by_field_name("name")
    if name is not None and PY_APP_FACTORY.match(ctx.text_of(name)):
        return True
    body = fn.child_by_field_name("body")
    return body is not None and _PY_APP_CALL.search(ctx.text_of(body)) is not None


_PYTHON_SCRIPT = re.compile(r"(python[\d.]*|py)\s+(-u\s+)?(?P<m>-m\s+)?(?P<target>[\w./-]+)")


def python_script_starts(script: str, relpath: str) -> bool:
    """Whether a deploy command (`python app.py`, `python3 -u src/app.py`, `python -m shop`)
    starts the Python file at `relpath` (relative to the project root, "/"-separated)."""
    m = _PYTHON_SCRIPT.match(script)
    if m is None:
        return False
    target = m.group("target")
    if m.group("m"):
        path = target.replace(".", "/")
        return relpath in (f"{path}.py", f"{path}/__main__.py")
    target = target.removeprefix("./").lstrip("/")
    return relpath == target or relpath.endswith("/" + target) or target.endswith("/" + relpath)
