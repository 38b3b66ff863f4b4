"""The TypeScript replacement of an env read whose fallback a fix removes, or that a fix writes
for a literal, shared by SEC002, URL002, SEC001 and URL001: `requireEnv("X")`, a `string`, where `process.env.X` alone is `string | undefined`
and breaks `--strict` builds. What an env read and its fallback are is `prodlint.envreads`'s."""

from __future__ import annotations

import re

from prodlint.api import TSX, TYPESCRIPT, FileContext, TextEdit
from prodlint.syntax import indent_unit, quote_style, uses_semicolons


def is_process_env(ctx: FileContext, node) -> bool:
    return ctx.text_of(node).startswith("process.env")


def typed(ctx: FileContext) -> bool:
    return ctx.language in (TYPESCRIPT, TSX)


def typed_lookup(ctx: FileContext, name: str, lookup: str) -> tuple[str, list[TextEdit]]:
    """The env read a fix writes for a literal, and the edits it needs: `lookup` (`env_lookup`'s),
    except in TypeScript, where `process.env.X` is `string | undefined` where the literal was a
    `string` (a typed return, `new Stripe(…)`, a `fetch()` argument fail `--strict`): there it is
    `requireEnv("X")`, with the helper added to the file."""
    if typed(ctx) and lookup.startswith("process.env."):
        helper = require_env_helper(ctx)
        return require_env_call(ctx, name), [helper] if helper is not None else []
    return lookup, []


def require_env_call(ctx: FileContext, name: str) -> str:
    q = quote_style(ctx)
    return f"requireEnv({q}{name}{q})"


def require_env_helper(ctx: FileContext) -> TextEdit | None:
    """The `requireEnv(name): string` helper, appended to the file (a function declaration is
    hoisted, so module-level reads above it work); None when the file already has one. The same
    edit for every fix of the file: worked out once, not a search of the file per finding."""
    return ctx.memo("require_env_helper", lambda: _require_env_helper(ctx))


def _require_env_helper(ctx: FileContext) -> TextEdit | None:
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
