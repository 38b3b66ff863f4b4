"""When a Python statement runs: at import or app start-up (the server runs it on every deploy), or
only when someone calls it by hand (a CLI command, a `__main__` script, a helper nobody starts).

Shared by the migration rules, which care about schema calls (`create_all`, `drop_all`) that run
on every start of the production server.
"""

from __future__ import annotations

import re

import tree_sitter as ts

from prodlint.api import FileContext
from prodlint.appmodel import is_py_app_factory
from prodlint.syntax import ancestors

# Decorators that make a function run when the server starts.
_STARTUP_DECORATOR = re.compile(
    r"\.on_event\(\s*['\"]startup['\"]|before_first_request|before_serving|before_request\b|"
    r"\.listener\(\s*['\"](before|after)_server_start|asynccontextmanager|\.on_startup\b"
)
# Decorators that make a function a command run by hand.
_CLI_DECORATOR = re.compile(r"\.cli\.command|click\.command|\.command\(|typer|manager\.command|with_appcontext|"
                            r"pytest|fixture")
# Files that are run by hand to set a database up, never by the server.
SCRIPT_FILE = re.compile(r"(^|/)[^/]*(seed|reset|fixture|init[_-]?db|db[_-]?init|create[_-]?(db|tables?|schema)|"
                         r"setup[_-]?db|migrat|populate|bootstrap[_-]?db)[^/]*$|(^|/)(seeders?|migrations?|alembic)/",
                         re.I)


def _decorators(fn: ts.Node) -> list[ts.Node]:
    parent = fn.parent
    if parent is None or parent.type != "decorated_definition":
        return []
    return [c for c in parent.named_children if c.type == "decorator"]


def _function_name(ctx: FileContext, fn: ts.Node) -> str:
    name = fn.child_by_field_name("name")
    return ctx.text_of(name) if name is not None else ""


def _in_main_guard(ctx: FileContext, node: ts.Node) -> bool:
    for parent in ancestors(node):
        if parent.type == "if_statement":
            cond = parent.child_by_field_name("condition")
            if cond is not None and "__name__" in ctx.text_of(cond) and "__main__" in ctx.text_of(cond):
                return True
    return False


def _is_startup_function(ctx: FileContext, fn: ts.Node) -> bool | None:
    """True: runs at start-up; False: run by hand; None: an ordinary function (ask its callers)."""
    decorators = " ".join(ctx.text_of(d) for d in _decorators(fn))
    if _CLI_DECORATOR.search(decorators):
        return False
    if _STARTUP_DECORATOR.search(decorators):
        return True
    name = _function_name(ctx, fn)
    if name == "lifespan" or is_py_app_factory(ctx, fn):
        return True
    if name and ctx.memo(f"py_startup.lifespan:{name}", lambda: re.search(
            r"\blifespan\s*=\s*" + re.escape(name) + r"\b", ctx.text) is not None):
        return True  # asked per call in the function: the file searched once per name
    return None


def runs_at_startup(ctx: FileContext, node: ts.Node, depth: int = 0) -> bool:
    """Whether `node` runs when the module is imported or the app starts (not by hand)."""
    if SCRIPT_FILE.search(ctx.relpath) or _in_main_guard(ctx, node):
        return False
    functions = [a for a in ancestors(node) if a.type == "function_definition"]
    if not functions:
        return True  # module level (also inside `with app.app_context():`)
    verdict = None
    for fn in functions:
        verdict = _is_startup_function(ctx, fn)
        if verdict is not None:
            return verdict
    if depth >= 1:
        return False
    # An ordinary helper (`def init_db(): ...`): it runs at start-up when the module or a start-up
    # function of this file calls it.
    name = _function_name(ctx, functions[-1])
    if not name or ctx.tree is None:
        return False
    for call in _calls_named(ctx, name):
        if any(a == functions[-1] for a in ancestors(call)):
            continue
        if runs_at_startup(ctx, call, depth + 1):
            return True
    return False


def _calls_named(ctx: FileContext, name: str):
    pattern = re.compile(rb"\b" + re.escape(name.encode()) + rb"\s*\(")
    for m in pattern.finditer(ctx.source):
        node = ctx.tree.root_node.descendant_for_byte_range(m.start(), m.start() + len(name))
        while node is not None and node.type != "call":
            node = node.parent
        if node is not None and node.start_byte <= m.start():
            func = node.child_by_field_name("function")
            if func is not None and ctx.text_of(func).split(".")[-1] == name:
                yield node
