"""Environment reads with a hardcoded fallback, in the shapes JavaScript and TypeScript apps write
them, shared by SEC002 (secret fallbacks) and URL002 (localhost fallbacks): `process.env.X || "…"`,
chains `process.env.A || process.env.B || "…"`, NestJS `configService.get("X", "…")` and
`configService.get("X") ?? "…"`; and the TypeScript replacement that still type-checks once the
fallback is gone (`requireEnv("X")`, a `string`, where `process.env.X` is `string | undefined`)."""

from __future__ import annotations

import re

from prodlint.api import TSX, TYPESCRIPT, FileContext, TextEdit
from prodlint.syntax import indent_unit, quote_style, uses_semicolons

_JS_ENV = re.compile(r"^(?:process\.env|import\.meta\.env|Bun\.env)(?:\.([A-Za-z_]\w*)|\[\s*['\"`]([A-Za-z_]\w*)['\"`]\s*\])$|"
                     r"^Deno\.env\.get\(\s*['\"`]([A-Za-z_]\w*)['\"`]\s*\)$")
# The receiver of a config lookup with a default: NestJS's ConfigService, under the names it is
# injected as (`configService`, `this.config`, `cfg`).
_CONFIG_RECEIVER = re.compile(r"(^|\.)(config|configService|cfg|configuration|appConfig|conf)$", re.I)
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


def _string_value(ctx: FileContext, node) -> str | None:
    if node is None or node.type != "string":
        return None
    return ctx.text_of(node)[1:-1]


def config_get(ctx: FileContext, call) -> tuple[str, object | None] | None:
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
    if not args or len(args) > 2:
        return None
    name = _string_value(ctx, args[0])
    if name is None or not _NAME.match(name):
        return None
    return name, (args[1] if len(args) == 2 else None)


def env_names(ctx: FileContext, node) -> list[str] | None:
    """The variables an expression reads from the environment when it is nothing else: one read
    (`process.env.X`, `import.meta.env.X`, `configService.get("X")`), or a `||`/`??` chain of
    them; None for anything else."""
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
        m = _JS_ENV.match(ctx.text_of(node))
        if m:
            return [m.group(1) or m.group(2) or m.group(3)]
        found = config_get(ctx, node)
        if found is not None and found[1] is None:
            return [found[0]]
    return None


def is_process_env(ctx: FileContext, node) -> bool:
    return ctx.text_of(node).startswith("process.env")


def typed(ctx: FileContext) -> bool:
    return ctx.language in (TYPESCRIPT, TSX)


def require_env_call(ctx: FileContext, name: str) -> str:
    q = quote_style(ctx)
    return f"requireEnv({q}{name}{q})"


def require_env_helper(ctx: FileContext) -> TextEdit | None:
    """The `requireEnv(name): string` helper, appended to the file (a function declaration is
    hoisted, so module-level reads above it work); None when the file already has one."""
    if re.search(rb"\bfunction\s+requireEnv\b|\brequireEnv\s*=", ctx.source):
        return None
    semi = ";" if uses_semicolons(ctx) else ""
    i = indent_unit(ctx)
    nl = ctx.newline
    lines = [
        "",
        "/** The variable's value; stops the app when it is unset (a string for the type checker). */",
        "function requireEnv(name: string): string {",
        f"{i}const value = process.env[name]{semi}",
        f"{i}if (!value) {{",
        f"{i}{i}throw new Error(`Missing required environment variable ${{name}}`){semi}",
        f"{i}}}",
        f"{i}return value{semi}",
        "}",
    ]
    text = nl.join(lines) + nl
    source = ctx.source
    if source and not source.endswith(b"\n"):
        text = nl + text
    return ctx.insert(len(source), text)
