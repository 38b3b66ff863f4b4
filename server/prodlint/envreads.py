"""The one recogniser of environment reads, and of environment reads with a fallback.

JavaScript/TypeScript: `process.env.X`, `process.env["X"]`, `import.meta.env.X`, `Bun.env.X`,
`Deno.env.get("X")`, destructuring `const { X } = process.env` (with a default `{ X = "…" }`),
`||` / `??` fallbacks and chains of reads, NestJS `configService.get("X")` (its default as a second
argument). Python: `os.environ["X"]`, `os.getenv("X")`, `os.environ.get("X")` (a default as the
second argument or after `or`), `os.environ.setdefault`, python-decouple `config("X", default=…)`
and django-environ `env("X", default=…)`, `env.str(…)`.

The env facts (SEC004), the fallback rules (SEC002, URL002) and SEC001's skip of env defaults read
these definitions; their tree-sitter queries are built from the same names (`query_regex`), so a
query match and the checks below agree.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from prodlint.languages import JS_LIKE, PYTHON
from prodlint.syntax import callee_text, enclosing, quote_style

if TYPE_CHECKING:
    import tree_sitter as ts

    from prodlint.context import FileContext

# ---------------------------------------------------------------- the names
#: objects whose properties are environment variables in JS/TS
JS_ENV_OBJECTS = ("process.env", "import.meta.env", "Bun.env")
#: what a Node server reads at run time (`import.meta.env` is filled in at build time, for the browser)
SERVER_ENV_OBJECT = "process.env"
#: mappings of environment variables in Python
PY_ENVIRON = ("os.environ", "environ")
#: Python calls that read one variable, `None` (or their second argument) when it is unset
PY_ENV_GETTERS = ("os.getenv", "getenv", "os.environ.get", "environ.get")
#: Python calls that take a default: the getters, `setdefault`, and python-decouple / django-environ
#: lookups (`config("X", default=…)`, `env("X", default=…)`, `env.str(…)`), which raise when unset
PY_CONFIG_CALL = r"config|env|env\.\w+|environ\.Env\.\w+"


def _alt(names: tuple[str, ...]) -> str:
    return "|".join(re.escape(n) for n in names)


#: a JS expression that holds (or looks up) an env read: the start of a fallback's left side
JS_FALLBACK_LEFT = rf"{_alt(JS_ENV_OBJECTS)}|Deno\.env\.get|\.get\("
JS_ENV_OBJECT = rf"^({_alt(JS_ENV_OBJECTS)})$"
PY_ENVIRON_OBJECT = rf"^({_alt(PY_ENVIRON)})$"
PY_GETTER = rf"^({_alt(PY_ENV_GETTERS)})$"
PY_DEFAULT_CALL = rf"^({_alt(PY_ENV_GETTERS)}|(os\.)?environ\.setdefault|{PY_CONFIG_CALL})$"
#: the calls that take their default as a keyword (`env("X", default=…)`, `os.getenv("X", default=…)`)
PY_KEYWORD_DEFAULT_CALL = rf"^({_alt(PY_ENV_GETTERS)}|{PY_CONFIG_CALL})$"


def query_regex(pattern: str) -> str:
    """A regex above as it is written inside a tree-sitter query string (`#match? @x "…"`)."""
    return pattern.replace("\\", "\\\\")


_JS_READ = re.compile(rf"^(?:{_alt(JS_ENV_OBJECTS)})(?:\.([A-Za-z_]\w*)|\[\s*['\"`]([A-Za-z_]\w*)['\"`]\s*\])$|"
                      r"^Deno\.env\.get\(\s*['\"`]([A-Za-z_]\w*)['\"`]\s*\)$")
_PY_READ = re.compile(rf"^(?:{_alt(PY_ENVIRON)})\[\s*['\"]([A-Za-z_]\w*)['\"]\s*\]$|"
                      rf"^(?:{_alt(PY_ENV_GETTERS)})\(\s*['\"]([A-Za-z_]\w*)['\"]\s*\)$")
_JS_ENV_OBJECT = re.compile(JS_ENV_OBJECT)
_PY_DEFAULT_CALL = re.compile(PY_DEFAULT_CALL)
_PY_CONFIG_CALL = re.compile(rf"^({PY_CONFIG_CALL})$")
_PY_KEYWORD_DEFAULT_CALL = re.compile(PY_KEYWORD_DEFAULT_CALL)
_PY_GETTER = re.compile(PY_GETTER)
# The receiver of a config lookup with a default: NestJS's ConfigService, under the names it is
# injected as (`configService`, `this.config`, `cfg`).
_CONFIG_RECEIVER = re.compile(r"(^|\.)(config|configService|cfg|configuration|appConfig|conf)$", re.I)
_CONFIG_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")
_READ_TYPES = frozenset({"member_expression", "subscript_expression", "call_expression", "subscript", "call"})


# ---------------------------------------------------------------- reads
def env_read_name(ctx: FileContext, node: ts.Node | None) -> str | None:
    """The variable one expression reads from the environment (`process.env.X`, `process.env["X"]`,
    `import.meta.env.X`, `Deno.env.get("X")`; `os.environ["X"]`, `os.getenv("X")`,
    `os.environ.get("X")`), else None."""
    if node is None or node.type not in _READ_TYPES:
        return None
    m = (_PY_READ if ctx.language == PYTHON else _JS_READ).match(ctx.text_of(node))
    return next((g for g in m.groups() if g), None) if m else None


def is_config_call(text: str) -> bool:
    """`config`, `env`, `env.str`: python-decouple / django-environ lookups, which take `default=`
    and raise when the variable is unset and there is none."""
    return _PY_CONFIG_CALL.match(text) is not None


def config_get(ctx: FileContext, call: ts.Node | None) -> tuple[str, ts.Node | None] | None:
    """`configService.get("X")` / `configService.get<string>("X", "default")`: (X, the default node
    or None). Only a config receiver, a string key, at most two arguments."""
    if call is None or call.type != "call_expression":
        return None
    fn = call.child_by_field_name("function")
    if fn is None or fn.type != "member_expression":
        return None
    prop, obj = fn.child_by_field_name("property"), fn.child_by_field_name("object")
    if prop is None or obj is None or ctx.text_of(prop) != "get" or not _CONFIG_RECEIVER.search(ctx.text_of(obj)):
        return None
    args = [a for a in call.child_by_field_name("arguments").named_children if a.type != "comment"]
    if not args or len(args) > 2 or args[0].type != "string":
        return None
    name = ctx.text_of(args[0])[1:-1]
    if not _CONFIG_KEY.match(name):
        return None
    return name, (args[1] if len(args) == 2 else None)


def env_names(ctx: FileContext, node: ts.Node | None) -> list[str] | None:
    """The variables a JS/TS expression reads from the environment when it is nothing else: one
    read (`process.env.X`, `import.meta.env.X`, `configService.get("X")`), or a `||`/`??` chain
    of them; None for anything else."""
    if node is None:
        return None
    if node.type == "parenthesized_expression" and node.named_child_count == 1:
        return env_names(ctx, node.named_children[0])
    if node.type == "binary_expression":
        op = node.child_by_field_name("operator")
        if op is None or ctx.text_of(op) not in ("||", "??"):
            return None
        left = env_names(ctx, node.child_by_field_name("left"))
        right = env_names(ctx, node.child_by_field_name("right")) if left is not None else None
        return None if right is None else left + right
    if node.type in ("member_expression", "subscript_expression", "call_expression"):
        name = env_read_name(ctx, node)
        if name is not None:
            return [name]
        found = config_get(ctx, node)
        if found is not None and found[1] is None:
            return [found[0]]
    return None


def is_env_object(ctx: FileContext, node: ts.Node | None) -> bool:
    """`process.env`, `import.meta.env`, `Bun.env` themselves (what a destructuring reads)."""
    return node is not None and _JS_ENV_OBJECT.match(ctx.text_of(node)) is not None


def is_keyword_default_call(text: str) -> bool:
    """A Python lookup whose `default=` keyword is a variable's fallback (`env("X", default=…)`,
    `os.getenv("X", default=…)`), not `setdefault`, which sets the variable."""
    return _PY_KEYWORD_DEFAULT_CALL.match(text) is not None


def is_getter(text: str) -> bool:
    """`os.getenv`, `os.environ.get` …: a lookup that gives None (or its default) when unset."""
    return _PY_GETTER.match(text) is not None


def is_default_call(text: str) -> bool:
    """A Python call whose second argument or `default=` is a variable's fallback."""
    return _PY_DEFAULT_CALL.match(text) is not None


# ---------------------------------------------------------------- fallbacks
def is_env_fallback(ctx: FileContext, node: ts.Node) -> bool:
    """Whether a literal is the fallback of an environment lookup: `process.env.X || "…"`, `?? "…"`,
    a chain `process.env.A || process.env.B || "…"`, `const { X = "…" } = process.env`,
    `configService.get("X", "…")`; `os.getenv("X", "…")`, `os.getenv("X") or "…"`,
    `config("X", default="…")`."""
    parent = node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        node, parent = parent, parent.parent
    if parent is None:
        return False
    if parent.type in ("binary_expression", "boolean_operator"):
        left = parent.child_by_field_name("left")
        op = parent.child_by_field_name("operator")
        if left is None or left == node or op is None or ctx.text_of(op) not in ("||", "??", "or"):
            return False
        if ctx.language == PYTHON:
            return env_read_name(ctx, left) is not None
        return env_names(ctx, left) is not None
    if parent.type == "object_assignment_pattern":
        decl = enclosing(parent, frozenset({"variable_declarator", "assignment_expression"}))
        value = decl.child_by_field_name("value") or decl.child_by_field_name("right") if decl else None
        return is_env_object(ctx, value)
    holder = parent.parent if parent.type == "keyword_argument" else parent
    if holder is None or holder.type not in ("argument_list", "arguments") or holder.parent is None:
        return False
    if ctx.language in JS_LIKE:
        found = config_get(ctx, holder.parent)
        return found is not None and found[1] == node
    args = [a for a in holder.named_children if a.type != "comment"]
    if parent.type != "keyword_argument" and (not args or args[0] == node):
        return False
    return is_default_call(callee_text(ctx, holder.parent))


def is_optional_read(ctx: FileContext, node: ts.Node) -> bool:
    """Whether a read copes with the variable missing: it has a fallback, is in a condition, is
    compared, assigned to or deleted."""
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


# ---------------------------------------------------------------- writing a read
def env_lookup(ctx: FileContext, name: str) -> str:
    """An env read in the file's own idiom: process.env.X, import.meta.env.VITE_X, os.environ["X"]."""
    if ctx.language in JS_LIKE:
        if ctx.role.vite_client or ctx.memo("reads_import_meta_env", lambda: b"import.meta.env" in ctx.source):
            return f"import.meta.env.VITE_{name.removeprefix('VITE_')}"
        return f"process.env.{name}"
    q = quote_style(ctx)
    return f"os.environ[{q}{name}{q}]"
