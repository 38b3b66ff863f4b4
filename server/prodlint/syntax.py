"""Small tree helpers that many rules need (re-exported by `prodlint.api`).

They read nodes of the official JavaScript/TypeScript/Python grammars; each says which.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from prodlint.languages import JS_LIKE, PYTHON

if TYPE_CHECKING:
    import tree_sitter as ts

    from prodlint.context import FileContext
    from prodlint.core import TextEdit

JS_STRINGS = frozenset({"string", "template_string"})
FUNCTION_TYPES = frozenset({
    "function_declaration", "function_expression", "arrow_function", "method_definition",
    "generator_function_declaration", "generator_function", "function_definition", "lambda",
})
LOGGING_OBJECTS = frozenset({"console", "logger", "log", "logging", "winston", "pino", "debug", "Logger", "this.logger", "app.logger", "fastify.log", "req.log", "request.log"})
LOGGING_FUNCTIONS = frozenset({"print", "debug", "log"})

_DEV_CONDITION = re.compile(
    r"NODE_ENV|\bDEV\b|isDev|IS_DEV|isDevelopment|__DEV__|development|DEBUG|\.debug\b|FLASK_ENV|"
    r"APP_ENV|ENVIRONMENT|isLocal|IS_LOCAL|hostname\s*===?\s*['\"]localhost|['\"]localhost['\"]\s*===?|"
    r"import\.meta\.env\.(DEV|MODE)|settings\.DEBUG|\btesting\b|TESTING",
)


def ancestors(node: ts.Node) -> Iterator[ts.Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def enclosing(node: ts.Node, types: frozenset[str] | set[str]) -> ts.Node | None:
    for parent in ancestors(node):
        if parent.type in types:
            return parent
    return None


def enclosing_function(node: ts.Node) -> ts.Node | None:
    return enclosing(node, FUNCTION_TYPES)


def string_content(ctx: FileContext, node: ts.Node) -> str:
    """The text of a string literal between its quotes (template/f-string text included raw)."""
    text = ctx.text_of(node)
    if node.type == "template_string":
        return text[1:-1]
    if ctx.language == PYTHON:
        m = re.match(r"^[rRbBuUfF]{0,2}('''|\"\"\"|'|\")", text)
        if m:
            q = m.group(1)
            return text[m.end(): len(text) - len(q)] if text.endswith(q) and len(text) >= m.end() + len(q) else text[m.end():]
    if len(text) >= 2 and text[0] in "\"'`" and text[-1] == text[0]:
        return text[1:-1]
    return text


def callee_text(ctx: FileContext, call: ts.Node) -> str:
    """`a.b.c` of a call `a.b.c(...)` (JS call_expression / new_expression, Python call)."""
    fn = call.child_by_field_name("function") or call.child_by_field_name("constructor")
    return ctx.text_of(fn) if fn is not None else ""


def enclosing_call(node: ts.Node) -> ts.Node | None:
    """The call whose argument list (directly) holds `node`, if any."""
    parent = node.parent
    while parent is not None and parent.type in ("arguments", "argument_list", "keyword_argument",
                                                 "spread_element", "parenthesized_expression",
                                                 "binary_expression", "template_substitution"):
        parent = parent.parent
    if parent is not None and parent.type in ("call_expression", "new_expression", "call"):
        return parent
    return None


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


def in_dev_guard(ctx: FileContext, node: ts.Node) -> bool:
    """Inside an `if`/ternary/`&&` whose condition looks at the environment (NODE_ENV, DEBUG,
    import.meta.env.DEV, hostname === "localhost"): development-only code on purpose."""
    child = node
    for parent in ancestors(node):
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


def is_docstring(node: ts.Node) -> bool:
    """A Python string that is a statement by itself (module/class/function docstring)."""
    parent = node.parent
    return parent is not None and parent.type == "expression_statement" and parent.named_child_count == 1


def screaming_snake(name: str) -> str:
    """`apiBaseUrl` / `api-base-url` / `API_BASE_URL` → `API_BASE_URL`."""
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").upper()


def binding_name(ctx: FileContext, node: ts.Node) -> str | None:
    """The name a value is bound to: variable, property/pair key, keyword argument, dict key,
    assignment target (`a.b = …` gives `b`); None when the value is not bound directly."""
    parent = node.parent
    while parent is not None and parent.type in ("parenthesized_expression", "as_expression",
                                                 "satisfies_expression", "array", "list", "binary_expression"):
        parent = parent.parent
    if parent is None:
        return None
    target = None
    if parent.type == "variable_declarator":
        target = parent.child_by_field_name("name")
    elif parent.type == "pair":
        target = parent.child_by_field_name("key")
    elif parent.type == "keyword_argument":
        target = parent.child_by_field_name("name")
    elif parent.type in ("assignment_expression", "assignment", "augmented_assignment", "public_field_definition",
                         "field_definition", "property_signature"):
        target = parent.child_by_field_name("left") or parent.child_by_field_name("name") \
            or parent.child_by_field_name("property")
    if target is None:
        return None
    text = ctx.text_of(target).strip("'\"")
    return re.split(r"[.\[\]]", text.rstrip("]").rstrip("'\""))[-1].strip("'\"") or None


def quote_style(ctx: FileContext) -> str:
    """The file's preferred string quote (by count of plain string literals)."""
    singles = ctx.source.count(b"'")
    doubles = ctx.source.count(b'"')
    return "'" if singles > doubles else '"'


def env_lookup(ctx: FileContext, name: str) -> str:
    """An env read in the file's own idiom: process.env.X, import.meta.env.VITE_X, os.environ["X"]."""
    if ctx.language in JS_LIKE:
        if ctx.role.vite_client or b"import.meta.env" in ctx.source:
            return f"import.meta.env.VITE_{name.removeprefix('VITE_')}"
        return f"process.env.{name}"
    q = quote_style(ctx)
    return f"os.environ[{q}{name}{q}]"


def python_import_edit(ctx: FileContext, module: str = "os") -> TextEdit | None:
    """An edit adding `import <module>` to a Python file that lacks it, after the docstring,
    `from __future__` and the leading imports (never above a shebang, an encoding line or the
    docstring: a `from __future__` import must stay first); None when it is already imported."""
    assert ctx.tree is not None
    root = ctx.tree.root_node
    for child in root.named_children:
        if child.type == "import_statement":
            names = [ctx.text_of(n).split(" as ")[0].strip() for n in child.named_children]
            if module in names or any(n.startswith(module + ".") for n in names if " as " not in n):
                return None
    insert_after = None
    seen_statement = False
    for child in root.named_children:
        if child.type == "comment":
            if not seen_statement and insert_after is None:
                insert_after = child if ctx.text_of(child).startswith(("#!", "# -*-", "# vim:")) \
                    or re.match(r"#.*coding[:=]", ctx.text_of(child)) else insert_after
            continue
        if child.type in ("import_statement", "import_from_statement", "future_import_statement"):
            insert_after = child
        elif child.type == "expression_statement" and not seen_statement and child.named_children \
                and is_docstring(child.named_children[0]):
            insert_after = child
        else:
            break
        seen_statement = True
    nl = ctx.newline
    if insert_after is None:
        return ctx.insert(0, f"import {module}{nl}")
    return ctx.insert(insert_after.end_byte, f"{nl}import {module}")


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
_JS_CLIENT_NAMES = {"prisma": "prisma", "redis": "redis", "redisClient": "redis", "pool": "pg", "knex": "knex",
                    "sequelize": "sequelize", "mongoose": "mongoose"}
_JS_LOGGER_CALLS = re.compile(r"^(pino|winston\.createLogger|createLogger|bunyan\.createLogger|Pino|log4js\.getLogger)$")
_JS_LOGGER_MODULES = ("pino", "winston", "bunyan", "log4js", "signale", "consola", "loglevel", "roarr", "tslog")


def _memo(fn):
    """Cache a helper's result in the file's declared cache (one parse, many rules and fact modules)."""
    key = fn.__module__ + "." + fn.__name__

    def wrapper(ctx):
        return ctx.memo(key, lambda: fn(ctx))

    wrapper.__name__, wrapper.__doc__ = fn.__name__, fn.__doc__
    return wrapper


@_memo
def js_imports(ctx: FileContext) -> dict[str, str]:
    """Local name -> module source, for ESM imports and CommonJS requires at any depth
    (`import x from "m"`, `import { a as b } from "m"`, `import * as x`, `const x = require("m")`,
    `const { a } = require("m")`, TS `import x = require("m")`). The module itself is under ""."""
    assert ctx.tree is not None
    out: dict[str, str] = {}
    wanted = {"import_statement", "call_expression"} if b"require" in ctx.source else {"import_statement"}
    for node in walk_types(ctx.tree.root_node, wanted, ctx):
        if node.type == "import_statement":
            source = node.child_by_field_name("source")
            if source is None:
                req = next((c for c in node.named_children if c.type == "import_require_clause"), None)
                if req is not None:
                    src = req.child_by_field_name("source")
                    name = next((c for c in req.named_children if c.type == "identifier"), None)
                    if src is not None and name is not None:
                        out[ctx.text_of(name)] = string_content(ctx, src)
                continue
            module = string_content(ctx, source)
            out.setdefault("", module)
            for ident in _walk_types(node, {"identifier"}):
                parent = ident.parent
                if parent is not None and parent.type == "import_specifier" and parent.child_by_field_name("alias") \
                        not in (None, ident):
                    continue
                out[ctx.text_of(ident)] = module
            continue
        fn = node.child_by_field_name("function")
        if fn is None or fn.end_byte - fn.start_byte != 7 or ctx.text_of(fn) != "require":
            continue
        args = node.child_by_field_name("arguments")
        if args is None or not args.named_children or args.named_children[0].type != "string":
            continue
        module = string_content(ctx, args.named_children[0])
        top = node
        while top.parent is not None and top.parent.type in ("member_expression", "await_expression",
                                                             "parenthesized_expression", "call_expression"):
            top = top.parent
        decl = top.parent
        if decl is not None and decl.type == "variable_declarator":
            name = decl.child_by_field_name("name")
            if name is not None:
                if name.type == "identifier":
                    out[ctx.text_of(name)] = module
                else:
                    for ident in _walk_types(name, {"identifier", "shorthand_property_identifier_pattern"}):
                        parent = ident.parent
                        if parent is not None and parent.type == "pair_pattern" and parent.child_by_field_name("key") == ident:
                            continue
                        out[ctx.text_of(ident)] = module
        out.setdefault(" " + module, module)
    return out


def _walk_types(root: ts.Node, types: set[str] | frozenset[str]) -> Iterator[ts.Node]:
    """Pre-order walk in Python: for small subtrees only (a whole file is far faster through
    the per-file node index below)."""
    cursor = root.walk()
    reached = False
    while True:
        if not reached:
            if cursor.node.type in types:
                yield cursor.node
            if cursor.goto_first_child():
                continue
        if cursor.goto_next_sibling():
            reached = False
            continue
        if not cursor.goto_parent() or cursor.node == root:
            return
        reached = True


#: node types the per-file index holds: the ones helpers and rules look for across a whole file
INDEXED_TYPES = frozenset({
    "call_expression", "new_expression", "variable_declarator", "import_statement", "import_from_statement",
    "assignment", "function_declaration", "arrow_function", "function_expression", "method_definition",
    "await_expression", "for_in_statement", "template_string", "export_specifier", "function_definition",
    "decorated_definition", "call", "try_statement", "catch_clause", "except_clause",
})


def node_index_pattern(language: str) -> str:
    """The one query pattern capturing every indexed node (appended to the combined query), or
    "" for a grammar without such nodes (JSON)."""
    from prodlint.parsing import grammar

    lang = grammar(language)
    valid = sorted(t for t in INDEXED_TYPES if lang.id_for_node_kind(t, True) is not None)
    return "[" + " ".join(f"({t})" for t in valid) + "] @n" if valid else ""


def _types_query(language: str):
    from prodlint.parsing import compile_query

    return compile_query(language, node_index_pattern(language))


def seed_node_index(ctx: FileContext, nodes: list[ts.Node] | None) -> None:
    """Give the file its node index from the nodes the combined query's pass captured."""
    if nodes is not None:
        ctx.memo("node_index", lambda: _build_node_index(ctx, nodes))


def node_index(ctx: FileContext) -> tuple[list[int], list[ts.Node]]:
    """Every node of an indexed type in the file, in pre-order, found by one query (C speed)
    and kept on the FileContext: rules and fact modules then look nodes up instead of each
    walking the tree in Python."""
    return ctx.memo("node_index", lambda: _build_node_index(ctx))[0]


def _build_node_index(ctx: FileContext, nodes: list[ts.Node] | None = None
                      ) -> tuple[tuple[list[int], list[ts.Node]], tuple[list[int], dict[str, list[int]]]]:
    """(starts, nodes), (ends, positions by type) of every indexed node."""
    import tree_sitter as _ts

    assert ctx.tree is not None
    if nodes is None:
        nodes = _ts.QueryCursor(_types_query(ctx.language)).captures(ctx.tree.root_node).get("n", [])
    starts, ends = [n.start_byte for n in nodes], [n.end_byte for n in nodes]
    keys = list(zip(starts, [-e for e in ends]))
    if any(a > b for a, b in zip(keys, keys[1:])):  # captures usually come in document order already
        order = sorted(range(len(nodes)), key=keys.__getitem__)
        nodes, starts, ends = [nodes[i] for i in order], [starts[i] for i in order], [ends[i] for i in order]
    by_type: dict[str, list[int]] = {}
    for i, node in enumerate(nodes):
        by_type.setdefault(node.type, []).append(i)
    return (starts, nodes), (ends, by_type)


from bisect import bisect_left as _bisect_left, bisect_right as _bisect_right  # noqa: E402
from itertools import chain as _chain  # noqa: E402


def walk_types(root: ts.Node, types: set[str] | frozenset[str], ctx: FileContext | None = None) -> Iterator[ts.Node]:
    """Every descendant of `root` (itself included) whose type is in `types`, in document order.
    Pass `ctx` to answer from the file's node index when every type is indexed."""
    if ctx is None or ctx.tree is None or not types or not set(types) <= INDEXED_TYPES:
        yield from _walk_types(root, types)
        return
    (starts, nodes), (ends, by_type) = ctx.memo("node_index", lambda: _build_node_index(ctx))
    start, end = root.start_byte, root.end_byte
    lo, hi = _bisect_left(starts, start), _bisect_right(starts, end)
    picks = []
    for kind in types:
        positions = by_type.get(kind)
        if positions:
            picks.append(positions[_bisect_left(positions, lo):_bisect_left(positions, hi)])
    order = picks[0] if len(picks) == 1 else sorted(_chain.from_iterable(picks))
    for i in order:
        if ends[i] > end:
            continue
        node = nodes[i]
        if starts[i] == start and ends[i] == end and node != root and not any(a == root for a in ancestors(node)):
            continue  # a parent spanning the same bytes is not inside `root`
        yield node


def _first_bindings(ctx: FileContext, node_type: str, name_field: str, value_field: str) -> dict[str, ts.Node]:
    """Name -> bound value for every `node_type` binding a plain identifier, any depth (first wins)."""
    assert ctx.tree is not None
    out: dict[str, ts.Node] = {}
    for node in walk_types(ctx.tree.root_node, {node_type}, ctx):
        name, value = node.child_by_field_name(name_field), node.child_by_field_name(value_field)
        if name is not None and value is not None and name.type == "identifier":
            out.setdefault(ctx.text_of(name), value)
    return out


@_memo
def js_declarations(ctx: FileContext) -> dict[str, ts.Node]:
    """Variable name -> its declarator's value node (first declaration wins), any depth."""
    return _first_bindings(ctx, "variable_declarator", "name", "value")


def unwrap_js(node: ts.Node | None) -> ts.Node | None:
    """The expression under `await`, parentheses, `as`/`satisfies` and non-null assertions."""
    while node is not None and node.type in ("await_expression", "parenthesized_expression", "as_expression",
                                             "satisfies_expression", "non_null_expression"):
        node = node.named_children[0] if node.named_children else None
    return node


def js_call_name(ctx: FileContext, node: ts.Node | None) -> str:
    """`new a.B` / `a.b` of a (new) call expression, after unwrapping; "" for anything else."""
    node = unwrap_js(node)
    while node is not None and node.type == "call_expression" and node.child_by_field_name("function") is not None \
            and node.child_by_field_name("function").type == "member_expression" \
            and node.child_by_field_name("function").child_by_field_name("object").type == "call_expression":
        node = node.child_by_field_name("function").child_by_field_name("object")  # createClient().connect()
    if node is None or node.type not in ("call_expression", "new_expression"):
        return ""
    callee = callee_text(ctx, node)
    return ("new " + callee) if node.type == "new_expression" else callee


@_memo
def js_db_clients(ctx: FileContext) -> list[tuple[str, str]]:
    """(kind, name) of the database/cache clients this JS/TS file can reach by name: created here
    (`new Pool()`, `new PrismaClient()`, `createClient()`, `new Redis()`, `knex()`, `new Sequelize`,
    `mysql.createPool`, `new MongoClient`), imported by a telling name (`prisma`, `redis`, `pool`),
    or the mongoose module. Kinds are keys of JS_DB_CLIENTS."""
    imports = js_imports(ctx)
    modules = set(imports.values())
    out: dict[str, str] = {}
    for name, value in js_declarations(ctx).items():
        if imports.get(name):
            continue
        call = js_call_name(ctx, value)
        for pattern, kind, mods in _JS_CLIENT_CALLS:
            if call and pattern.match(call) and (modules & set(mods) or kind in ("prisma",)):
                out.setdefault(name, kind)
                break
    for name, module in imports.items():
        if not name or name.startswith(" ") or name in out:
            continue
        if module == "mongoose" and name == "mongoose":
            out[name] = "mongoose"
        elif module.startswith((".", "@/", "~/", "src/")) and name in _JS_CLIENT_NAMES:
            out[name] = _JS_CLIENT_NAMES[name]
    return [(kind, name) for name, kind in out.items()]


@_memo
def js_logger(ctx: FileContext) -> str | None:
    """The name of a logger this JS/TS file already has (created here or imported), else None."""
    imports = js_imports(ctx)
    for name, value in js_declarations(ctx).items():
        call = js_call_name(ctx, value)
        if call and _JS_LOGGER_CALLS.match(call.removeprefix("new ")) and not imports.get(name):
            return name
    for name, module in imports.items():
        if name in ("logger", "log") and (module.startswith((".", "@/", "~/", "src/")) or module in _JS_LOGGER_MODULES):
            return name
    return None


@_memo
def py_imports(ctx: FileContext) -> dict[str, str]:
    """Local name -> dotted module (for `from m import x`: "m.x"), at any depth."""
    assert ctx.tree is not None
    out: dict[str, str] = {}
    for node in walk_types(ctx.tree.root_node, {"import_statement", "import_from_statement"}, ctx):
        if node.type == "import_statement":
            for child in node.named_children:
                if child.type == "aliased_import":
                    out[ctx.text_of(child.child_by_field_name("alias"))] = ctx.text_of(child.child_by_field_name("name"))
                elif child.type == "dotted_name":
                    text = ctx.text_of(child)
                    out[text.split(".")[0]] = text
            continue
        module_node = node.child_by_field_name("module_name")
        module = ctx.text_of(module_node) if module_node is not None else ""
        for child in node.named_children:
            if child == module_node:
                continue
            if child.type == "aliased_import":
                out[ctx.text_of(child.child_by_field_name("alias"))] = f"{module}.{ctx.text_of(child.child_by_field_name('name'))}"
            elif child.type == "dotted_name":
                out[ctx.text_of(child)] = f"{module}.{ctx.text_of(child)}"
    return out


@_memo
def py_assignments(ctx: FileContext) -> dict[str, ts.Node]:
    """Name -> assigned value for plain `name = value` assignments at any depth (first wins)."""
    return _first_bindings(ctx, "assignment", "left", "right")


def py_call_name(ctx: FileContext, node: ts.Node | None) -> str:
    while node is not None and node.type == "await":
        node = node.named_children[0] if node.named_children else None
    if node is None or node.type != "call":
        return ""
    return callee_text(ctx, node)


@_memo
def py_db_clients(ctx: FileContext) -> list[tuple[str, str]]:
    """(kind, name) of SQLAlchemy engines, Flask-SQLAlchemy objects and redis clients bound here."""
    out = []
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
    for name, value in py_assignments(ctx).items():
        call = py_call_name(ctx, value)
        if call.endswith(("getLogger", "get_logger")) and value.parent is not None \
                and value.parent.parent is not None and value.parent.parent.parent is not None \
                and value.parent.parent.parent.type == "module":
            return name
    return None


@_memo
def indent_unit(ctx: FileContext) -> str:
    """The file's indentation step: a tab, or the smallest leading run of spaces (2 by default for JS,
    4 for Python)."""
    head = b"\n".join(ctx.source.split(b"\n", 400)[:400])
    if _TAB_INDENT.search(head):
        return "\t"
    sizes = _SPACE_INDENT.findall(head)
    if not sizes:
        return "    " if ctx.language == PYTHON else "  "
    return " " * max(1, min(map(len, sizes)))


_TAB_INDENT = re.compile(rb"^\t", re.M)
_SPACE_INDENT = re.compile(rb"^( +)[^ *\r\n]", re.M)


@_memo
def uses_semicolons(ctx: FileContext) -> bool:
    """Whether JS statements in this file end with `;` (by majority of lines)."""
    ends = len(_SEMICOLON_LINE.findall(ctx.text))
    bare = len(_BARE_LINE.findall(ctx.text))
    return ends >= bare or ends > 0 and bare == 0


_CODE_LINE = r"^(?![^\S\n]*(?://|\*|/\*))[^\n]*"
_SEMICOLON_LINE = re.compile(_CODE_LINE + r";[^\S\n]*$", re.M)
_BARE_LINE = re.compile(_CODE_LINE + r"[)'\"`][^\S\n]*$", re.M)


def call_statement(call: ts.Node) -> tuple[ts.Node | None, ts.Node, ts.Node | None]:
    """(statement, expression, bound name) of a JS call that stands as its own statement
    (`app.listen(…)`, `await app.listen(…)`) or is the only declarator of a declaration
    (`const server = app.listen(…)`, bound name `server`); statement None otherwise."""
    node = call
    while node.parent is not None and node.parent.type in ("await_expression", "parenthesized_expression"):
        node = node.parent
    parent = node.parent
    if parent is not None and parent.type == "expression_statement":
        return parent, node, None
    if parent is not None and parent.type == "variable_declarator" and parent.child_by_field_name("name").type == "identifier":
        decl = parent.parent
        if decl is not None and decl.type in ("lexical_declaration", "variable_declaration") \
                and len([c for c in decl.named_children if c.type != "comment"]) == 1:
            return decl, node, parent.child_by_field_name("name")
    return None, node, None


def statement_of(node: ts.Node) -> ts.Node:
    """The statement holding `node` (the node itself when it is one)."""
    current = node
    while current.parent is not None and not current.type.endswith(("statement", "declaration")) \
            and current.type not in ("decorated_definition",):
        current = current.parent
    return current


JS_FRAMEWORK_MODULES = {
    "express": "express", "express-promise-router": "express", "fastify": "fastify", "koa": "koa",
    "@koa/router": "koa", "koa-router": "koa", "hono": "hono", "@hono/node-server": "hono",
    "@nestjs/core": "nestjs", "@nestjs/common": "nestjs", "next": "next", "next/server": "next",
    "http": "http", "node:http": "http", "https": "http", "node:https": "http", "http2": "http", "node:http2": "http",
    "restify": "restify", "@hapi/hapi": "hapi", "polka": "polka", "micro": "micro",
}
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
    decls = js_declarations(ctx)
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


def js_frameworks(ctx: FileContext) -> set[str]:
    """Server frameworks this JS/TS file imports."""
    return {JS_FRAMEWORK_MODULES[m] for m in js_imports(ctx).values() if m in JS_FRAMEWORK_MODULES}


def js_object_framework(ctx: FileContext, name: str) -> tuple[str, str] | None:
    """(framework, kind) of a receiver name: one this file creates, else a conventional name
    (`app`, `router`, `fastify`, `server`) in a file importing exactly one server framework, or a
    Fastify plugin's instance parameter."""
    objects = js_server_objects(ctx)
    if name in objects:
        return objects[name]
    if not SERVER_OBJECT_NAMES.match(name):
        return None
    frameworks = js_frameworks(ctx) - {"http", "next"}
    if len(frameworks) == 1:
        fw = next(iter(frameworks))
        return fw, ("router" if "outer" in name or "oute" in name else "app")
    if name in ("fastify", "instance") and not frameworks:
        return "fastify", "app"
    return None


# ---------------------------------------------------------------- env reads
# (the secret value and name tests live in prodlint_rules/_secrets.py)

from dataclasses import dataclass as _dataclass  # noqa: E402

_ENV_READ = re.compile(r"^(process\.env|import\.meta\.env|Bun\.env|Deno\.env\.get\(|os\.environ|os\.getenv\(|"
                       r"environ|getenv\()")
_PY_ENV_CALL = re.compile(r"^(os\.getenv|getenv|os\.environ\.get|environ\.get|os\.environ\.setdefault|"
                          r"environ\.setdefault|config|env|env\.\w+|environ\.Env\.\w+)$")


def env_read_name(ctx: FileContext, node: ts.Node) -> str | None:
    """The variable an expression reads from the environment (`process.env.X`, `process.env["X"]`,
    `import.meta.env.X`, `os.environ["X"]`, `os.getenv("X")`, `os.environ.get("X")`), else None."""
    text = ctx.text_of(node)
    m = re.match(r"^(?:process\.env|import\.meta\.env|Bun\.env)(?:\.([A-Za-z_]\w*)|\[\s*['\"`]([A-Za-z_]\w*)['\"`]\s*\])$",
                 text)
    if m:
        return m.group(1) or m.group(2)
    m = re.match(r"^(?:os\.environ|environ)\[\s*['\"]([A-Za-z_]\w*)['\"]\s*\]$", text)
    if m:
        return m.group(1)
    m = re.match(r"^(?:os\.getenv|getenv|os\.environ\.get|environ\.get|Deno\.env\.get)\(\s*['\"]([A-Za-z_]\w*)['\"]\s*\)$",
                 text)
    return m.group(1) if m else None


def is_env_fallback(ctx: FileContext, node: ts.Node) -> bool:
    """Whether a literal is the default of an environment lookup: `process.env.X || "…"`,
    `?? "…"`, `const { X = "…" } = process.env`, `os.getenv("X", "…")`, `config("X", default="…")`."""
    parent = node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        node, parent = parent, parent.parent
    if parent is None:
        return False
    if parent.type in ("binary_expression", "boolean_operator"):
        left = parent.child_by_field_name("left")
        op = parent.child_by_field_name("operator")
        op_text = ctx.text_of(op) if op is not None else ""
        return left is not None and left != node and op_text in ("||", "??", "or") \
            and bool(_ENV_READ.match(ctx.text_of(left)))
    if parent.type == "object_assignment_pattern":
        decl = enclosing(parent, frozenset({"variable_declarator", "assignment_expression"}))
        value = decl.child_by_field_name("value") or decl.child_by_field_name("right") if decl else None
        return value is not None and bool(re.match(r"^(process\.env|import\.meta\.env|Bun\.env)$", ctx.text_of(value)))
    if ctx.language == PYTHON:
        holder = parent.parent if parent.type == "keyword_argument" else parent
        if holder is None or holder.type != "argument_list" or holder.parent is None:
            return False
        args = [a for a in holder.named_children if a.type != "comment"]
        if parent.type != "keyword_argument" and (not args or args[0] == node):
            return False
        return bool(_PY_ENV_CALL.match(callee_text(ctx, holder.parent)))
    return False


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


def end_of_line_after(ctx: FileContext, offset: int) -> int:
    """`offset`, moved to the end of its line when only whitespace or a `//`/`#` comment follows
    (code inserted after a statement then keeps the statement's trailing comment with it)."""
    end = ctx.source.find(b"\n", offset)
    end = len(ctx.source) if end < 0 else end
    rest = ctx.source[offset:end].rstrip(b"\r")
    stripped = rest.strip()
    if not stripped or stripped.startswith((b"//", b"#")) or (stripped.startswith(b"/*") and stripped.endswith(b"*/")):
        return offset + len(rest)
    return offset


@_dataclass(frozen=True)
class DockerInstruction:
    """One Dockerfile instruction, continuation lines joined: `keyword` upper-cased, `args` the
    rest (continuations joined with a space), byte range of the whole instruction, 0-based `line`,
    `stage` (0-based index of the FROM it belongs to)."""

    keyword: str
    args: str
    start: int
    end: int
    line: int
    stage: int


def dockerfile_instructions(ctx: FileContext) -> list[DockerInstruction]:
    """The instructions of a Dockerfile (comments and blank lines skipped, `\\` continuations
    joined; heredoc bodies are not interpreted)."""
    out: list[DockerInstruction] = []
    offset, stage = 0, -1
    pending: list[str] = []
    start = start_line = 0
    for row, raw in enumerate(ctx.source.split(b"\n")):
        line_start = offset
        offset += len(raw) + 1
        text = raw.decode("utf-8", "replace").rstrip("\r")
        stripped = text.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if pending and stripped.startswith("#"):
            continue
        if not pending:
            start, start_line = line_start, row
        continued = stripped.endswith("\\")
        pending.append(stripped[:-1].strip() if continued else stripped)
        if continued:
            continue
        joined = " ".join(p for p in pending if p)
        pending = []
        keyword, _, args = joined.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            stage += 1
        end = line_start + len(raw.rstrip(b"\r"))
        out.append(DockerInstruction(keyword, args.strip(), start, end, start_line, max(stage, 0)))
    return out


def py_flask_app(ctx: FileContext, name: str) -> tuple[bool, bool]:
    """Whether `name` is a Flask app in this file, and whether certainly: `Flask(__name__)` is
    certain; a `create_app()`/`make_app()` factory's result or a name imported from the project
    (not from a framework) is one only when the project uses Flask (the caller checks)."""
    imports = py_imports(ctx)
    value = py_assignments(ctx).get(name)
    if value is not None:
        call = py_call_name(ctx, value)
        cls = call.rpartition(".")[2]
        if cls == "Flask":
            return imports.get(call.split(".")[0], "").startswith("flask"), True
        return cls in ("create_app", "make_app"), False
    module = imports.get(name, "")
    return bool(module) and module.split(".")[0] not in ("flask", "fastapi", "sanic", "starlette", "quart",
                                                          "aiohttp", "litestar"), False


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
