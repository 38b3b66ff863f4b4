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

    from prodlint.api import FileContext, TextEdit

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
    child, parent = node, node.parent
    while parent is not None and parent.type in ("parenthesized_expression", "as_expression",
                                                 "satisfies_expression", "array", "list", "binary_expression"):
        child, parent = parent, parent.parent
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
    `from __future__` and the leading imports; None when it is already imported."""
    assert ctx.tree is not None
    root = ctx.tree.root_node
    insert_after = None
    for child in root.named_children:
        if child.type == "import_statement":
            names = [ctx.text_of(n).split(" as ")[0] for n in child.named_children]
            if module in names:
                return None
            insert_after = child
        elif child.type in ("import_from_statement", "future_import_statement"):
            insert_after = child
        elif child.type == "expression_statement" and is_docstring(child.named_children[0]) and insert_after is None \
                and child == root.named_children[0]:
            insert_after = child
        elif child.type == "comment":
            continue
        else:
            break
    nl = ctx.newline
    if insert_after is None:
        return ctx.insert(0, f"import {module}{nl}")
    return ctx.insert(insert_after.end_byte, f"{nl}import {module}")
