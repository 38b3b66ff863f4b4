"""The startup check of required environment variables, shared by SEC004 (which generates it at
the app's entry point for every variable the project reads) and SEC002 (whose fix drops a
secret's fallback and adds the check for that variable): `validateEnv([...])` in JavaScript and
TypeScript, `_require_env(...)` in Python, inserted after the file's imports and set-up, or
extended when the file already has it. Not a rule: modules starting with `_` are not loaded."""

from __future__ import annotations

import re

from prodlint.api import JS_LIKE, PYTHON, TSX, TYPESCRIPT, FileContext, TextEdit
from prodlint.syntax import indent_unit, python_import_edit, quote_style, string_content, uses_semicolons

JS_CHECK = "validateEnv"
PY_CHECK = "_require_env"


def insertion_point(ctx: FileContext) -> tuple[int, bool]:
    """After the leading imports / requires / dotenv set-up of the file; whether `import os` is
    needed. Once per file: every fix of the file asks, and each asking listed the file's
    top-level statements."""
    return ctx.memo("env_validation.insertion_point", lambda: _insertion_point(ctx))


def _insertion_point(ctx: FileContext) -> tuple[int, bool]:
    assert ctx.tree is not None
    last = None
    for child in ctx.tree.root_node.named_children:
        text = ctx.text_of(child)
        if child.type == "comment":
            continue
        if ctx.language in JS_LIKE:
            leading = child.type == "import_statement" or (
                child.type in ("lexical_declaration", "variable_declaration", "expression_statement")
                and re.search(r"\brequire\(|dotenv|\.config\(\)|^['\"]use strict['\"]", text) is not None)
        else:
            leading = child.type in ("import_statement", "import_from_statement", "future_import_statement") or (
                child.type == "expression_statement" and (re.search(r"load_dotenv\(|dotenv", text) is not None
                                                          or (last is None and child.named_children
                                                              and child.named_children[0].type == "string")))
        if not leading:
            break
        last = child
    offset = last.end_byte if last is not None else 0
    import_os = ctx.language == PYTHON and python_import_edit(ctx, "os") is not None
    return offset, import_os


def snippet(language: str, names: list[str], *, newline: str, indent: str, quote: str, semicolons: bool,
            import_os: bool, at_start: bool) -> str:
    """The check itself: a helper that fails on missing variables, and one call listing `names`."""
    nl, ind, q = newline, indent, quote
    listed = ", ".join(f"{q}{n}{q}" for n in names)
    if language == PYTHON:
        lines = ([""] if not at_start else []) + (["import os"] if import_os else []) + [
            "", "",
            f"def {PY_CHECK}(*names: str) -> None:",
            f"{ind}missing = [name for name in names if not os.environ.get(name)]",
            f"{ind}if missing:",
            f"{ind}{ind}raise RuntimeError({q}Missing required environment variables: {q} + {q}, {q}.join(missing))",
            "", "",
            f"{PY_CHECK}({listed})",
        ]
        text = nl.join(lines)
        return text + nl + nl if at_start else text
    semi = ";" if semicolons else ""
    typed = language in (TYPESCRIPT, TSX)
    lines = ([""] if not at_start else []) + [
        "",
        f"function {JS_CHECK}(names{': string[]' if typed else ''}){': void' if typed else ''} {{",
        f"{ind}const missing = names.filter((name) => !process.env[name]){semi}",
        f"{ind}if (missing.length > 0) {{",
        f"{ind}{ind}throw new Error(`Missing required environment variables: ${{missing.join(\", \")}}`){semi}",
        f"{ind}}}",
        "}",
        "",
        f"{JS_CHECK}([{listed}]){semi}",
    ]
    if at_start:
        lines = lines[1:]
    text = nl.join(lines)
    return text + nl + nl if at_start else text


def file_check_edit(ctx: FileContext, name: str, import_os: bool | None = None) -> TextEdit | None | bool:
    """The edit that makes this file check `name` at startup: a new name in the file's existing
    top-level call, a call after the file's helper, or helper and call after the imports. True
    when the file already checks it; None when the helper's name is taken by something this
    cannot extend (imported, or called only inside a function). `import_os`: whether the snippet
    must add `import os` (default: when the file lacks it)."""
    assert ctx.tree is not None
    check = PY_CHECK if ctx.language == PYTHON else JS_CHECK
    if check not in ctx.text:
        offset, needs_os = insertion_point(ctx)
        return ctx.insert(offset, snippet(
            ctx.language, [name], newline=ctx.newline, indent=indent_unit(ctx), quote=quote_style(ctx),
            semicolons=ctx.language in JS_LIKE and uses_semicolons(ctx),
            import_os=needs_os if import_os is None else import_os, at_start=offset == 0))
    call, definition = _existing(ctx, check)
    if call is not None:
        listed = [a for a in call.named_children if a.type == "string"]
        if name in {string_content(ctx, a) for a in listed}:
            return True
        q = quote_style(ctx)
        if listed:
            return ctx.insert(listed[-1].end_byte, f", {q}{name}{q}")
        return ctx.insert(call.start_byte + 1, f"{q}{name}{q}")
    if definition is not None:
        q = quote_style(ctx)
        if ctx.language == PYTHON:
            return ctx.insert(definition.end_byte, f"{ctx.newline * 3}{PY_CHECK}({q}{name}{q})")
        semi = ";" if uses_semicolons(ctx) else ""
        return ctx.insert(definition.end_byte, f"{ctx.newline * 2}{JS_CHECK}([{q}{name}{q}]){semi}")
    return None


def _existing(ctx: FileContext, check: str):
    """The argument list (Python) / array (JS) of the file's top-level call of `check`, and the
    top-level definition of `check`: once per file, as every fix of the file asks."""
    return ctx.memo(f"env_validation.existing:{check}", lambda: _find_existing(ctx, check))


def _find_existing(ctx: FileContext, check: str):
    assert ctx.tree is not None
    call = definition = None
    for child in ctx.tree.root_node.named_children:
        if child.type in ("function_declaration", "function_definition"):
            ident = child.child_by_field_name("name")
            if ident is not None and ctx.text_of(ident) == check:
                definition = child
        elif child.type == "expression_statement" and child.named_children and call is None:
            expr = child.named_children[0]
            fn = expr.child_by_field_name("function") if expr.type in ("call_expression", "call") else None
            if fn is None or ctx.text_of(fn) != check:
                continue
            args = expr.child_by_field_name("arguments")
            if ctx.language == PYTHON:
                call = args
            elif args is not None and args.named_children and args.named_children[0].type == "array":
                call = args.named_children[0]
    return call, definition
