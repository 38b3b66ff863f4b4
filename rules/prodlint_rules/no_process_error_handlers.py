"""
## What it does
Flags a Node.js server entry point (a file that calls `listen()`) when no file of its project
registers `process.on("unhandledRejection")` or `process.on("uncaughtException")` (or waits on
them: p-event's `rejectionEvents`, `once(process, "uncaughtException")`), and no library
that installs them is used (`@sentry/node`, `make-promises-safe`, `hard-rejection`,
`close-with-grace`).

## Why is this bad?
A promise rejected where nobody awaits it (a fire-and-forget `sendEmail()`, a timer callback)
kills a Node ≥ 15 process with a bare stack trace on stderr, taking every in-flight request with
it; an exception thrown in a callback does the same. With handlers the failure is logged through
your own logging, with context, and the exit is deliberate.

## Example
```js
const app = require("./app");
app.listen(3000);
```

Use instead:
```js
const app = require("./app");

process.on("unhandledRejection", (reason) => {
  console.error("Unhandled promise rejection:", reason);
});

process.on("uncaughtException", (err) => {
  console.error("Uncaught exception:", err);
  process.exit(1);
});

app.listen(3000);
```

## Fix safety
The fix adds both handlers after the entry point's imports, logging with the file's logger when it
has one. The `unhandledRejection` handler logs and keeps the process running; the
`uncaughtException` handler logs and exits with status 1 (the process state is unknown after an
uncaught exception; let the supervisor restart it). It is unsafe: a rejection that used to crash
the process no longer does.

## References
- [Node.js: 'unhandledRejection' event](https://nodejs.org/api/process.html#event-unhandledrejection)
- [Node.js: warning on using 'uncaughtException' correctly](https://nodejs.org/api/process.html#warning-using-uncaughtexception-correctly)
"""

from __future__ import annotations

from collections.abc import Iterator

from prodlint.api import (
    JAVASCRIPT, TSX, TYPESCRIPT, Applicability, FileContext, Finding, Fix, ProjectContext, Rule, Scope, Severity,
)
from prodlint.appmodel import js_imports, js_logger
from prodlint.syntax import end_of_line_after, indent_unit, quote_style, uses_semicolons
from prodlint.facts.views import EntryPoint

RULE = Rule(
    code="ERR003",
    name="no-process-error-handlers",
    category="2",
    scope=Scope.PROJECT,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX}),
    severity=Severity.WARNING,
    fix="add unhandledRejection and uncaughtException handlers to the entry point",
)

EVENTS = {"unhandledRejection", "uncaughtException", "uncaughtExceptionMonitor"}
LIBRARIES = {"@sentry/node", "@sentry/nextjs", "@sentry/serverless", "make-promises-safe", "hard-rejection",
             "loud-rejection", "close-with-grace", "@bugsnag/js", "@bugsnag/node", "rollbar", "newrelic",
             "dd-trace", "@honeybadger-io/js", "elastic-apm-node"}
FIX_TITLE = "Add unhandledRejection and uncaughtException handlers"


def check_project(project: ProjectContext) -> Iterator[Finding]:
    if not project.has("listen"):
        return  # every finding is an entry point (`ProjectContext.entry_points`: one per `listen` fact)
    if any(f.value in EVENTS for f in project.facts("process_handler")):
        return
    if any(f.value in LIBRARIES for f in project.facts("dependency") + project.facts("import")):
        return
    first_per_file: dict[str, EntryPoint] = {}
    for entry in sorted(project.entry_points(), key=lambda e: (e.path, e.fact.span.start)):
        if entry.javascript and (entry.arguments or entry.object == "serve"):
            first_per_file.setdefault(entry.path, entry)
    candidates = [e for e in first_per_file.values() if project.model.server_framework(e)]
    if not candidates:
        return
    yield project.finding(candidates[0].fact, "Server entry point has no `unhandledRejection`/`uncaughtException` "
                                              "handler: a stray rejection kills the process with no log of yours",
                          [project.offer(FIX_TITLE, Applicability.UNSAFE)])


def fix(ctx: FileContext, finding: Finding) -> Fix:
    return _fix(ctx)


def _fix(ctx: FileContext) -> Fix:
    root = ctx.tree.root_node
    at = 0
    for child in root.named_children:
        text = ctx.text_of(child)
        if child.type == "import_statement" or (child.type in ("lexical_declaration", "variable_declaration")
                                                and "require(" in text) \
                or (child.type == "expression_statement" and (text.startswith(("'use strict'", '"use strict"'))
                                                               or text.startswith("require("))) \
                or child.type == "hash_bang_line" \
                or child.type == "comment" and at == 0 and child.start_byte == 0:
            at = end_of_line_after(ctx, child.end_byte)
        elif child.type != "comment":
            break
    u, nl, q = indent_unit(ctx), ctx.newline, quote_style(ctx)
    semi = ";" if uses_semicolons(ctx) else ""
    logger = js_logger(ctx)
    log = f"{logger}.error" if logger else "console.error"
    typed = ctx.language != JAVASCRIPT
    reason, err = ("reason: unknown", "err: Error") if typed else ("reason", "err")
    pino = "pino" in js_imports(ctx).values()
    first = f"{log}({{ err: reason }}, {q}Unhandled promise rejection{q})" if pino else \
        f"{log}({q}Unhandled promise rejection:{q}, reason)"
    second = f"{log}({{ err }}, {q}Uncaught exception{q})" if pino else f"{log}({q}Uncaught exception:{q}, err)"
    lines = [f"process.on({q}unhandledRejection{q}, ({reason}) => {{", f"{u}{first}{semi}", f"}}){semi}", "",
             f"process.on({q}uncaughtException{q}, ({err}) => {{",
             f"{u}{second}{semi}", f"{u}process.exit(1){semi}", f"}}){semi}"]
    body = nl.join(lines)
    text = (nl + nl + body) if at else (body + nl + nl)
    return ctx.fix(FIX_TITLE, Applicability.UNSAFE, ctx.insert(at, text))
