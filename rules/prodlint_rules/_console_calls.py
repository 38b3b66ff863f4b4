"""LOG001's candidates: `console.*()` and `print()` calls in server code (not in CLI programs,
browser code, logger wrappers, development guards or exempt files), each with the titles of the
fixes that rewrite it to a logger. Shared by the facts extractor (`prodlint.facts.console_calls`,
which keeps the titles) and the rule's `fix(ctx, finding)`, which builds the one it offered
(`build_logger_fix`, `build_added_fix`) only when it is asked for: checking a file builds no edit."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from prodlint.api import JS_LIKE, PYTHON, Applicability, FileContext, Fix, TextEdit
from prodlint.appmodel import (
    PY_SERVER_CLASSES, in_dev_guard, js_imports, js_logger, py_imports, py_logger,
)
from prodlint.core import new_frozen
from prodlint.syntax import (
    ancestor_list, js_call_name, js_declarations, py_assignments, quote_style, string_content, uses_semicolons,
)
from prodlint_rules._fix_edits import js_import_edit
from prodlint_rules._module_resolution import node_resolution, package_type

if TYPE_CHECKING:
    import tree_sitter as ts

_LEVELS = {"log": "info", "info": "info", "dir": "info", "warn": "warn", "error": "error", "debug": "debug",
           "trace": "debug"}
_BROWSER_MODULES = re.compile(r"^(react|react-dom|vue|svelte|solid-js|preact|react-native|expo|jquery|"
                              r"@angular/|@vue/|@sveltejs/|@remix-run/react|next/(navigation|router|link|image|head|dynamic))")
_CLI_MODULES = re.compile(r"^(commander|yargs|meow|cac|arg|minimist|mri|sade|citty|clipanion|@oclif/|oclif|"
                          r"inquirer|@inquirer/|prompts|enquirer|@clack/prompts|ora|listr2?|cli-table3?|boxen|"
                          r"figlet|vorpal|caporal|gluegun)(/|$)")
_PY_CLI_MODULES = ("argparse", "typer", "fire", "docopt", "plac", "invoke")
_EXEMPT_DIRS = re.compile(r"(^|/)(bin|cli|commands?|migrations?|seeders?|tools|alembic|management|"
                          r"logger|loggers|logging|instrumentation)/")
_EXEMPT_FILES = re.compile(
    r"(^|/)((logger|loggers|log|logging|logs)\.[cm]?[jt]s|logger\.py|log\.py|logging_config\.py|manage\.py|"
    r"gulpfile\.[cm]?[jt]s|gruntfile\.[cm]?[jt]s|\.eslintrc\.[cm]?js|karma\.conf\.[cm]?js|webpack\.[\w.-]+\.[cm]?[jt]s|"
    r"rollup\.[\w.-]+\.[cm]?[jt]s|build\.[cm]?[jt]s|esbuild\.[\w.-]*[cm]?[jt]s|(src/)?middleware\.[jt]s|"
    r"(src/)?instrumentation(\.node)?\.[jt]s|gunicorn[\w.-]*\.py|wsgi\.py|asgi\.py|[^/]*\.d\.ts|"
    r"health-?check\.[cm]?[jt]s|healthcheck\.py|seeders?\.[cm]?[jt]s|seed(-?data)?\.[cm]?[jt]s)$", re.I)
_NEXT_SERVER_FILE = re.compile(r"(^|/)(app/(.*/)?route\.[cm]?[jt]s|pages/api/.*\.[cm]?[jt]s)$")
_WRAPPER_NAMES = re.compile(r"^(log|info|warn|warning|error|debug|trace|fatal|verbose|print|write|output|emit|_log|"
                            r"logger|logInfo|logError|logWarn|logDebug|\w*[Ll]ogger\w*)$")
_ERROR_NAME = re.compile(r"^(e|err|error|ex|exc|exception|\w*Error|\w*Err)$")
#: (a word holding `app` or `server` before `.run(`: the lookahead first finds that the word ends
#: in `.run(`, once per word, so a long word holding `app` many times is not read again from each)
_STARTS_SERVER = re.compile(r"\b(" + "|".join(PY_SERVER_CLASSES) + r")\(|\b(?=\w*\.run\()\w*?(?:app|server)\w*\.run\(|"
                            r"\b(uvicorn|hypercorn|waitress|web|socketio)\.(run|serve|run_app)\(|\bserve\(\w*app")
_PRINTF = re.compile(r"%[sdifjoO]")
_GENERIC_PROPERTIES = {"id", "name", "length", "size", "count", "total", "status", "type", "code", "value"}
_CARRIERS = {"req", "request", "res", "response", "ctx", "c", "body", "params", "query", "config", "env", "this",
             "process", "options", "opts", "args", "data", "payload", "event"}
_RESERVED_KEYS = {"msg", "message", "level", "time", "pid", "hostname", "v", "timestamp"}


@dataclass(frozen=True)
class Offer:
    """A rewrite to the logger in scope: `key` is the logging style it is offered for ("" when the
    file shows its library), `style` the shape it writes the arguments in."""

    key: str
    style: str
    title: str
    applicability: Applicability


@dataclass(frozen=True)
class Candidate:
    """A console call in server code and the titles of the fixes that apply to it: one rewrite per
    logging style when the file has a logger whose library it does not show (`offers`), else a new
    logger module (`add_title`, creating `creates`) and the same rewrite importing that module once
    it exists (`import_title`). `args`, `level` and `logger` are what the fix builders start from."""

    call: ts.Node
    method: str
    language: str  # "js" | "python"
    next_server: bool  # in a Next.js route handler, server action or server-only module
    message: str
    level: str
    args: tuple  # JS: the arguments; Python: the positional arguments
    logger: str | None
    offers: tuple[Offer, ...]
    add_title: str
    import_title: str
    creates: str


def candidates(ctx: FileContext, calls: list) -> Iterator[Candidate]:
    """The candidates among `calls` (`console.*(…)` / `print(…)` nodes of this file)."""
    if ctx.tree is None or ctx.role.non_production or not calls:
        return
    if ctx.role.client and not (ctx.language in JS_LIKE and _directive(ctx, "use server")):
        return  # browser code; a "use server" file (Next.js server actions) runs on the server
    if _EXEMPT_DIRS.search(ctx.relpath) or _EXEMPT_FILES.search(ctx.relpath):
        return
    if ctx.language == PYTHON:
        yield from _py_candidates(ctx, calls)
    else:
        yield from _js_candidates(ctx, calls)


def build_logger_fix(ctx: FileContext, cand: Candidate, offer: Offer) -> Fix | None:
    """The rewrite of `cand` to the logger in scope that `offer` names."""
    if cand.language == "python":
        arguments = _py_arguments(ctx, cand.args, offer.style)
        level = cand.level
    else:
        arguments = _js_arguments(ctx, cand.args, cand.level, offer.style)
        level = _js_level(cand.level, offer.style)
    if arguments is None:
        return None
    return ctx.fix(offer.title, offer.applicability, ctx.replace(cand.call, f"{cand.logger}.{level}({arguments})"))


def build_added_fix(ctx: FileContext, cand: Candidate, title: str) -> Fix | None:
    """The fix titled `title` among `cand`'s added-logger fixes: the new logger module, or the
    import of the one an earlier fix wrote."""
    if cand.language == "python":
        if title != cand.add_title:
            return None
        arguments = _py_arguments(ctx, cand.args, "logging")
        return None if arguments is None else _py_add_logger(ctx, cand.call, f"logger.{cand.level}({arguments})")
    add, imported = _js_add_logger(ctx, cand.call, cand.args, cand.level)
    return next((made for made in (add, imported) if made is not None and made.title == title), None)


# ------------------------------------------------------------------ JavaScript / TypeScript

_JS_MESSAGES = {method: f"`console.{method}()` in server code: unstructured output with no level, "
                        f"timestamp or request context; log through a logger" for method in _LEVELS}


class _JsFile:
    """What every candidate of one file shares, worked out once and only when the file has one."""

    def __init__(self, ctx: FileContext) -> None:
        source = ctx.source
        self.next_server = bool(_NEXT_SERVER_FILE.search(ctx.relpath)) \
            or (b"use server" in source and _directive(ctx, "use server")) \
            or "server-only" in js_imports(ctx).values()  # (a module name is text of the file)
        self.logger = js_logger(ctx)
        self.library = _js_library(ctx, self.logger) if self.logger else None
        self.can_add, self.creates, self.import_title = False, "", ""
        if self.logger:
            return
        esm = _is_esm(ctx)
        declares_logger = b"logger" in ctx.source and "logger" in js_declarations(ctx)
        if declares_logger or "logger" in js_imports(ctx) or esm is None \
                or any(m.startswith("@nestjs/") for m in js_imports(ctx).values()):
            return  # NestJS has its own Logger: a pino module is not what the app wants
        module = _logger_module(ctx)
        self.can_add, self.creates = True, os.path.join(ctx.project_root, module)
        if esm:
            self.import_title = f"Log with the logger of {module}"


def _js_candidates(ctx: FileContext, calls: list) -> Iterator[Candidate]:
    if _js_file_exempt(ctx):
        return
    shared = None
    for call in calls:
        function = call.child_by_field_name("function")
        prop = function.child_by_field_name("property") if function is not None else None
        method = ctx.text_of(prop) if prop is not None else ""
        arguments = call.child_by_field_name("arguments")
        if method not in _LEVELS or arguments is None:
            continue  # not a console call (the file changed since it was checked)
        args = tuple(a for a in arguments.named_children if a.type != "comment")
        if not args:
            continue
        above = ancestor_list(ctx, call)
        if in_dev_guard(ctx, call, above) or _in_logger_wrapper(ctx, call, above):
            continue
        shared = shared or _JsFile(ctx)
        level = _LEVELS[method]
        offers: tuple[Offer, ...] = ()
        add_title = import_title = creates = ""
        if shared.logger:
            styles = [shared.library] if shared.library else ["pino", "winston", "plain"]
            offers = tuple(offer for s in styles
                           if (offer := _js_logger_offer(ctx, args, shared.logger, level, s, shared.library)))
        elif shared.can_add and _js_shape(ctx, args, "pino") is not None:
            add_title, import_title, creates = _ADD_TITLE, shared.import_title, shared.creates
        yield new_frozen(Candidate, call=call, method=method, language="js", next_server=shared.next_server,
                         message=_JS_MESSAGES[method], level=level, args=args, logger=shared.logger, offers=offers,
                         add_title=add_title, import_title=import_title, creates=creates)


def _js_logger_offer(ctx: FileContext, args, logger: str, level: str, style: str, library: str | None) -> Offer | None:
    """The rewrite to `logger` in `style`'s shape, when the arguments fit it (its edit is built by
    `build_logger_fix`)."""
    if _js_shape(ctx, args, style) is None:
        return None
    level = _js_level(level, style)
    applicability = Applicability.UNSAFE if level == "debug" else Applicability.SAFE
    return Offer("" if library else style, style, f"Log with {logger}.{level}()", applicability)


def _js_file_exempt(ctx: FileContext) -> bool:
    """A CLI program, browser code or an edge/Deno module. The whole-text patterns run only on
    files holding their literal words (a substring test is far cheaper than a regex scan)."""
    text = ctx.source
    # any one of these tests exempts the file: the imports first, they need no scan of the bytes
    if text.startswith(b"#!") or any(_exempting_module(m) for m in set(js_imports(ctx).values())):
        return True
    if b"use client" in text and _directive(ctx, "use client"):
        return True
    if b"process.argv" in text or b"Deno." in text:
        return True
    if any(word in text for word in _BROWSER_GLOBALS) and _BROWSER_GLOBAL_USE.search(text):
        return True
    return b"runtime" in text and _EDGE_RUNTIME.search(text) is not None


@lru_cache(maxsize=4096)
def _exempting_module(module: str) -> bool:
    """A browser or command-line module (the same few module names recur in every file)."""
    return bool(_BROWSER_MODULES.match(module) or _CLI_MODULES.match(module))


_BROWSER_GLOBALS = (b"window.", b"document.", b"localStorage.", b"navigator.")
_BROWSER_GLOBAL_USE = re.compile(rb"\b(window|document|localStorage|navigator)\.\w")
_EDGE_RUNTIME = re.compile(rb"""export\s+const\s+runtime\s*=\s*['"]edge['"]""")


def _directive(ctx: FileContext, name: str) -> bool:
    for child in ctx.tree.root_node.named_children:
        if child.type in ("comment", "hash_bang_line"):
            continue
        if child.type == "expression_statement" and child.named_children and child.named_children[0].type == "string":
            if string_content(ctx, child.named_children[0]) == name:
                return True
            continue
        return False
    return False


def _in_logger_wrapper(ctx: FileContext, call, above: list) -> bool:
    """Inside a function, method or object that is itself a logger (`info(msg) { console.log(msg) }`,
    `const logger = { error: (...a) => console.error(...a) }`, `class Logger`). `above`: the
    call's ancestors, innermost first."""
    for node in above:
        name = None
        if node.type in ("function_declaration", "method_definition", "class_declaration", "class"):
            name = node.child_by_field_name("name")
        elif node.type in ("arrow_function", "function_expression", "object"):
            parent = node.parent
            if parent is not None and parent.type == "pair":
                name = parent.child_by_field_name("key")
            elif parent is not None and parent.type == "variable_declarator":
                name = parent.child_by_field_name("name")
        if name is not None and _WRAPPER_NAMES.match(ctx.text_of(name).strip("'\"")):
            return True
    return False


def _js_library(ctx: FileContext, logger: str) -> str | None:
    """The logging library of `logger` when the file shows it: "pino" (pino, bunyan), "winston"."""
    imports = js_imports(ctx)
    module = imports.get(logger, "")
    value = js_declarations(ctx).get(logger)
    call = js_call_name(ctx, value).removeprefix("new ") if value is not None else ""
    origin = imports.get(call.split(".")[0], "") if call else module
    for lib in (module, origin):
        if lib in ("pino", "bunyan"):
            return "pino"
        if lib == "winston":
            return "winston"
    if module.startswith((".", "@/", "~/", "src/")):
        return None
    return "plain"


def _js_level(level: str, style: str) -> str:
    return "debug" if style != "pino" and level == "trace" else level


@dataclass(frozen=True)
class _Shape:
    """How console arguments fit a logger call: all of them as written (`verbatim`: one argument,
    or a printf-style message pino formats), else the message (None: the first argument as
    written) with named fields (key, value node) or one object literal of fields."""

    verbatim: bool
    message: str | None = None
    fields: tuple[tuple[str, ts.Node], ...] = ()
    literal_object: ts.Node | None = None


_VERBATIM = _Shape(True)


def _js_shape(ctx: FileContext, args, style: str) -> _Shape | None:
    """The shape of the logger call for console arguments `args` in `style` ("pino", "winston",
    "plain"), or None when they do not fit it: literals join the message, names become fields (an
    error under pino's `err`), an object literal is the fields object, printf stays for pino."""
    if any(a.type == "spread_element" for a in args):
        return None
    if len(args) == 1:
        return _VERBATIM
    first, values = args[0], args[1:]
    if first.type not in ("string", "template_string"):
        return None
    message = _message_text(ctx, first)
    if style == "pino" and message is not None and _PRINTF.search(message):
        return _VERBATIM
    fields: list[tuple[str, ts.Node]] = []
    literal_object = None
    for value in values:
        if value.type in ("string", "number", "true", "false", "null") and message is not None:
            text = string_content(ctx, value) if value.type == "string" else ctx.text_of(value)
            message = f"{message.rstrip()} {text}".strip() if not message.rstrip().endswith(":") \
                else f"{message.rstrip()} {text}"
            continue
        if value.type == "object" and len(values) == 1 and style != "plain":
            literal_object = value
            continue
        key = _field_name(ctx, value)
        if key is None:
            return None
        if key == "message" and value.type == "member_expression" and style == "pino":
            error = value.child_by_field_name("object")
            if error.type == "identifier" and _ERROR_NAME.match(ctx.text_of(error)):
                key, value = "err", error  # `err.message` -> the error itself: pino keeps message and stack
        if style == "pino" and _ERROR_NAME.match(key):
            key = "err"
        fields.append((key, value))
    keys = [k for k, _ in fields]
    if len(set(keys)) != len(keys) or set(keys) & _RESERVED_KEYS:
        return None
    if style == "plain" and literal_object is None and fields \
            and (message is None or any(_ERROR_NAME.match(k) for k in keys)):
        return None
    return _Shape(False, message, tuple(fields), literal_object)


def _js_arguments(ctx: FileContext, args, level: str, style: str) -> str | None:
    """The logger call's arguments for console arguments `args`, in the library's shape (see
    `_js_shape`): pino and bunyan `{ port }, "listening"`, winston `"listening", { port }`, plain
    a template string."""
    shape = _js_shape(ctx, args, style)
    if shape is None:
        return None
    if shape.verbatim:
        return ", ".join(ctx.text_of(a) for a in args)
    message = shape.message
    fields = [(k, ctx.text_of(v)) for k, v in shape.fields]
    keys = [k for k, _ in fields]
    msg = ctx.text_of(args[0]) if message is None else _quoted(message.rstrip(": "), _file_quote(ctx))
    if shape.literal_object is not None:
        literal_object = ctx.text_of(shape.literal_object)
        return f"{msg}, {literal_object}" if style == "winston" else f"{literal_object}, {msg}"
    if not fields:
        return msg
    if style == "plain":
        text = " ".join([_template_escape(message.rstrip(": "))] + ["${" + v + "}" for _, v in fields])
        return "`" + text + "`"
    obj = "{ " + ", ".join(k if k == v else f"{k}: {v}" for k, v in fields) + " }"
    if style == "winston":
        if len(fields) == 1 and _ERROR_NAME.match(keys[0]) and keys[0] == fields[0][1]:
            return f"{msg}, {fields[0][1]}"
        return f"{msg}, {obj}"
    return f"{obj}, {msg}"


def _message_text(ctx: FileContext, node) -> str | None:
    """The raw text inside a plain string or a template without substitutions, else None."""
    if node.type == "template_string" and any(c.type == "template_substitution" for c in node.named_children):
        return None
    raw = ctx.text_of(node)[1:-1]
    return raw


def _file_quote(ctx: FileContext) -> str:
    return ctx.memo("prodlint_rules._console_calls.quote", lambda: quote_style(ctx))


def _quoted(raw: str, q: str) -> str:
    if q in raw.replace("\\" + q, ""):
        q = '"' if q == "'" else "'"
        if q in raw.replace("\\" + q, ""):
            return "`" + _template_escape(raw) + "`"
    return f"{q}{raw}{q}"


def _template_escape(raw: str) -> str:
    return raw.replace("`", "\\`").replace("${", "\\${")


def _field_name(ctx: FileContext, node) -> str | None:
    if node.type == "identifier":
        return ctx.text_of(node)
    if node.type == "member_expression":
        prop, obj = node.child_by_field_name("property"), node.child_by_field_name("object")
        if prop is None or prop.type != "property_identifier":
            return None
        name = ctx.text_of(prop)
        if name in _GENERIC_PROPERTIES and obj.type == "identifier" and ctx.text_of(obj) not in _CARRIERS:
            return ctx.text_of(obj) + name[0].upper() + name[1:]  # `order.id` -> orderId
        return name
    return None


_ADD_TITLE = "Add a pino logger (logger module + dependency) and log with it"


def _logger_module(ctx: FileContext) -> str:
    """Where the added logger module goes, from the project root: `logger.<ext>` in `src/` for a
    file under it, else in the root, with the file's extension (`.tsx` -> `.ts`, `.jsx` -> `.js`)."""
    ext = os.path.splitext(ctx.path)[1]
    name = "logger" + {".tsx": ".ts", ".jsx": ".js"}.get(ext, ext)
    return os.path.join("src", name) if ctx.relpath.startswith("src/") else name


def _js_add_logger(ctx: FileContext, call, args, level: str) -> tuple[Fix | None, Fix | None]:
    """A pino logger module, its import in this file, and this call rewritten to use it; and the
    same without creating the module (for when an earlier fix has written it). The module is
    written in one style (double quotes, semicolons) so that every file's fix creates the same one."""
    shared = _JsFile(ctx)
    arguments = _js_arguments(ctx, args, level, "pino")
    if shared.logger or not shared.can_add or arguments is None:
        return None, None
    esm = bool(shared.import_title)
    created = shared.creates
    ext = os.path.splitext(ctx.path)[1]
    module_ext = os.path.splitext(created)[1]
    q, semi = quote_style(ctx), (";" if uses_semicolons(ctx) else "")
    spec = os.path.relpath(os.path.splitext(created)[0], os.path.dirname(ctx.path)).replace(os.sep, "/")
    spec = spec if spec.startswith(".") else "./" + spec
    if _wants_extension(ctx, ext):
        spec += {".ts": ".js", ".mts": ".mjs", ".cts": ".cjs"}.get(module_ext, module_ext)
    level_env = 'process.env.LOG_LEVEL || "info"'
    if esm:
        module = ('import { pino } from "pino";\n\n'
                  f"export const logger = pino({{ level: {level_env} }});\n\n"
                  "export default logger;\n")
        import_line = f"import {{ logger }} from {q}{spec}{q}{semi}"
    else:
        module = ('const pino = require("pino");\n\n'
                  f"const logger = pino({{ level: {level_env} }});\n\n"
                  "module.exports = logger;\n")
        import_line = f"const logger = require({q}{spec}{q}){semi}"
    edits = (js_import_edit(ctx, import_line), ctx.replace(call, f"logger.{level}({arguments})"))
    add = ctx.fix(_ADD_TITLE, Applicability.UNSAFE, TextEdit(created, 0, 0, module), *edits)
    imported = ctx.fix(shared.import_title, Applicability.UNSAFE, *edits) if esm else None
    return add, imported


def _is_esm(ctx: FileContext) -> bool | None:
    ext = os.path.splitext(ctx.path)[1]
    if ext in (".mjs", ".mts"):
        return True
    if ext in (".cjs", ".cts"):
        return False
    if ext in (".ts", ".tsx"):
        return True
    source = ctx.source
    if (b"import" in source or b"export" in source) and any(
            c.type in ("import_statement", "export_statement") for c in ctx.tree.root_node.named_children):
        return True
    return False if b"require(" in ctx.source or b"module.exports" in ctx.source else None


def _wants_extension(ctx: FileContext, ext: str) -> bool:
    """Whether the logger module's import names its extension (`./logger.js`). Relative ESM
    imports in Node need it. A file's own relative imports show how its project resolves them
    (`./db.js`: with the extension; `./db`: a bundler or CommonJS resolves the bare path). A
    TypeScript file without such imports goes by its package: an ES module (`.mts`, or `"type":
    "module"` in package.json) needs the extension unless its tsconfig resolves like a bundler
    (`moduleResolution` bundler/node10, or a `module` that implies it)."""
    relative = [m for m in js_imports(ctx).values() if m.startswith(".")]
    with_extension = any(_JS_EXTENSION.search(m) for m in relative)
    if ext not in (".ts", ".tsx", ".mts", ".cts"):
        return ext == ".mjs" or (_is_esm(ctx) and (not relative or with_extension))
    if with_extension or any(not _KNOWN_EXTENSION.search(m) for m in relative):
        return with_extension
    esm = ext == ".mts" or (ext != ".cts" and package_type(ctx.path, ctx.project_root) == "module")
    return esm and node_resolution(ctx.path, ctx.project_root) is not False


_JS_EXTENSION = re.compile(r"\.[cm]?js$")
#: extensions of files a relative import can name without showing how code imports resolve
_KNOWN_EXTENSION = re.compile(r"\.(?:[cm]?[jt]sx?|json|node|wasm|css|scss|sass|less|html|svg|txt)$")


# ------------------------------------------------------------------ Python

def _py_candidates(ctx: FileContext, calls: list) -> Iterator[Candidate]:
    if not calls or _py_file_exempt(ctx):
        return
    logger = py_logger(ctx)
    for call in calls:
        above = ancestor_list(ctx, call)
        if in_dev_guard(ctx, call, above) or _in_cli_command(ctx, above):
            continue
        args = [a for a in call.child_by_field_name("arguments").named_children if a.type != "comment"]
        positional = [a for a in args if a.type != "keyword_argument"]
        keywords = {ctx.text_of(a.child_by_field_name("name")): a.child_by_field_name("value")
                    for a in args if a.type == "keyword_argument"}
        target = keywords.get("file")
        stderr = target is not None and ctx.text_of(target) in ("sys.stderr", "stderr")
        if not positional or (target is not None and not stderr and ctx.text_of(target) not in ("sys.stdout", "stdout")):
            continue  # a blank line, or writing to a file
        level = "exception" if stderr and _in_except(above) else ("error" if stderr else "info")
        offers: tuple[Offer, ...] = ()
        add_title = ""
        if logger:
            style = _py_library(ctx, logger)
            if "sep" not in keywords and not any(a.type in ("list_splat", "dictionary_splat") for a in args) \
                    and _py_arguments(ctx, positional, style) is not None:
                offers = (Offer("", style, f"Log with {logger}.{level}()", Applicability.UNSAFE),)
        elif "sep" not in keywords and _py_arguments(ctx, positional, "logging") is not None and _py_can_add(ctx):
            add_title = _PY_ADD_TITLE
        yield new_frozen(Candidate, call=call, method="print", language="python", next_server=False,
                         message=_PY_MESSAGE, level=level, args=tuple(positional), logger=logger, offers=offers,
                         add_title=add_title, import_title="", creates="")


_PY_MESSAGE = "`print()` in server code: unstructured, buffered output with no level or timestamp; log through a logger"
_PY_ADD_TITLE = "Add a module logger (logging.getLogger(__name__)) and log with it"


def _py_file_exempt(ctx: FileContext) -> bool:
    """A command-line program: built on an argument parser, reading `sys.argv` (as a JavaScript
    file reading `process.argv` is one) or run as `__main__`, and not starting the server."""
    imports = py_imports(ctx)
    modules = {m.split(".")[0] for m in imports.values()}
    if modules & set(_PY_CLI_MODULES):
        return True
    if (b"sys.argv" in ctx.source or "sys.argv" in imports.values()) and not _STARTS_SERVER.search(ctx.text):
        return True
    main = next((c for c in ctx.tree.root_node.named_children if c.type == "if_statement"
                 and re.match(r"__name__\s*==\s*['\"]__main__['\"]", ctx.text_of(c.child_by_field_name("condition")))),
                None)
    if main is None:
        return False
    return not _STARTS_SERVER.search(ctx.text)


def _in_cli_command(ctx: FileContext, above: list) -> bool:
    """Inside a click/Flask CLI command (`@click.command()`, `@app.cli.command()`): its output is the
    command's interface. `above`: the call's ancestors, innermost first."""
    for node in above:
        if node.type == "decorated_definition":
            for dec in node.named_children:
                if dec.type == "decorator" and re.search(r"\b(command|group|cli)\b", ctx.text_of(dec)):
                    return True
    return False


def _in_except(above: list) -> bool:
    return any(n.type == "except_clause" for n in above)


def _py_library(ctx: FileContext, logger: str) -> str:
    """How the module logger takes values: "logging" (%-args), "loguru" ({}-args), "structlog"
    (keyword fields)."""
    imports = py_imports(ctx)
    if imports.get(logger, "").startswith("loguru"):
        return "loguru"
    value = py_assignments(ctx).get(logger)
    callee = ctx.text_of(value.child_by_field_name("function")) if value is not None and value.type == "call" else ""
    if callee.startswith("structlog.") or imports.get(callee.split(".")[0], "").startswith("structlog"):
        return "structlog"
    return "logging"


def _py_arguments(ctx: FileContext, positional, style: str = "logging") -> str | None:
    """`print("listening on", port)` -> `"listening on %s", port` (logging's lazy %-formatting),
    `"listening on {}", port` (loguru), `"listening on", port=port` (structlog's fields)."""
    first = positional[0]
    if len(positional) == 1:
        if first.type == "string":
            return ctx.text_of(first)  # no arguments: logging does not %-format the message
        if style == "structlog":
            return None
        q = quote_style(ctx)
        return f"{q}{'{}' if style == 'loguru' else '%s'}{q}, {ctx.text_of(first)}"
    rest = positional[1:]
    if style == "structlog":
        return _py_structlog_arguments(ctx, first, rest)
    if style == "loguru":
        if first.type != "string" or _py_prefix(ctx, first).lower() not in ("", "u", "r") or "{" in ctx.text_of(first):
            return None
        text, prefix = ctx.text_of(first), _py_prefix(ctx, first)
        quote = text[len(prefix)]
        if text[len(prefix):len(prefix) + 3] == quote * 3:
            return None
        body = text[len(prefix) + 1:-1]
        return f"{prefix}{quote}{body}{' {}' * len(rest)}{quote}, " + ", ".join(ctx.text_of(a) for a in rest)
    if first.type == "string" and _py_prefix(ctx, first).lower() in ("", "u", "r"):
        text = ctx.text_of(first)
        prefix = _py_prefix(ctx, first)
        quote = text[len(prefix)]
        if text[len(prefix):len(prefix) + 3] == quote * 3:
            return None
        body = text[len(prefix) + 1:-1].replace("%", "%%")
        return f"{prefix}{quote}{body}{' %s' * len(rest)}{quote}, " + ", ".join(ctx.text_of(a) for a in rest)
    q = quote_style(ctx)
    return f"{q}{' '.join(['%s'] * len(positional))}{q}, " + ", ".join(ctx.text_of(a) for a in positional)


def _py_structlog_arguments(ctx: FileContext, first, rest) -> str | None:
    """`"user created", user.id` -> `"user created", id=user.id`: structlog's event plus fields."""
    if first.type != "string":
        return None
    fields = []
    for value in rest:
        if value.type == "identifier":
            key = ctx.text_of(value)
        elif value.type == "attribute":
            key = ctx.text_of(value.child_by_field_name("attribute"))
        else:
            return None
        fields.append(f"{key}={ctx.text_of(value)}")
    keys = [f.split("=")[0] for f in fields]
    if len(set(keys)) != len(keys) or "event" in keys:
        return None
    return ", ".join([ctx.text_of(first)] + fields)


def _py_prefix(ctx: FileContext, string) -> str:
    start = next((c for c in string.children if c.type == "string_start"), None)
    text = ctx.text_of(start) if start is not None else ""
    return text.rstrip("'\"")


def _py_add_logger(ctx: FileContext, call, replacement: str) -> Fix | None:
    """`import logging` first among the imports (after the docstring and `from __future__`), and
    `logger = logging.getLogger(__name__)` after the last of them."""
    if not _py_can_add(ctx):
        return None
    nl = ctx.newline
    top = ctx.tree.root_node.named_children
    head, first_import, last_import = None, None, None
    for child in top:
        if child.type == "future_import_statement" or (child.type == "expression_statement" and child == top[0]
                                                       and child.named_children
                                                       and child.named_children[0].type == "string"):
            head = child
        elif child.type in ("import_statement", "import_from_statement"):
            first_import = first_import or child
            last_import = child
        elif child.type != "comment":
            break
    edits = []
    logger_line = "logger = logging.getLogger(__name__)"
    needs_import = py_imports(ctx).get("logging") != "logging"
    if last_import is not None:
        if needs_import:
            edits.append(ctx.insert(first_import.start_byte, "import logging" + nl))
        edits.append(ctx.insert(last_import.end_byte, nl + nl + logger_line))
    elif head is not None:
        edits.append(ctx.insert(head.end_byte, nl + nl + ("import logging" + nl + nl if needs_import else "") + logger_line))
    else:
        offset = 0 if not ctx.source.startswith(b"#!") else ctx.source.find(b"\n") + 1
        edits.append(ctx.insert(offset, ("import logging" + nl + nl if needs_import else "") + logger_line + nl + nl))
    return ctx.fix(_PY_ADD_TITLE, Applicability.UNSAFE, *edits, ctx.replace(call, replacement))


def _py_can_add(ctx: FileContext) -> bool:
    """No name `logger` in the module yet: the added one would shadow it."""
    return "logger" not in py_assignments(ctx) and "logger" not in py_imports(ctx)
