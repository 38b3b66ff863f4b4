"""
## What it does
Flags console output in server code: `console.log/info/warn/error/debug/dir/trace` in Node.js
and `print()` in Python, the startup banner (`console.log("listening on 3000")`) and
`console.log(err)` in a handler included. One finding per call, so each sits where the output is
written and the editor's fix-all can rewrite a whole file.

Server code is a file of a project that runs a server (Express, Fastify, Koa, Hono, NestJS,
`http`; Next.js route handlers and server actions; Flask, FastAPI, Django, Starlette …). Never
flagged: browser code (React/Vue/Svelte components, `"use client"`, files using `window` or
`document`, Vite client bundles), command-line programs (a package.json `bin`, the file a
package.json script other than the server's or a CI pipeline runs, and the modules only such
programs import; a `#!/usr/bin/env node` file, a file built on commander/yargs/inquirer or
reading `process.argv`; Python `if __name__ == "__main__"` scripts and files reading `sys.argv`
that do not start the server, argparse/typer/click commands, invoke tasks, Django management commands and
their `management/` helpers), seeders, migrations, scripts and tests, build
configuration (`vite.config.*`, `webpack.*.js`, `gulpfile.js` …), edge and worker runtimes
(Next.js `middleware.ts` and `instrumentation.ts`, `runtime = "edge"`, Deno), a logger's own
console output (a `logger.js` module, a `log()`/`info()` wrapper around `console`), and output
behind a development check (`if (process.env.NODE_ENV !== "production")`).

## Why is this bad?
Console output has no level, no timestamp, no request id and no structure: in production it
cannot be filtered by severity, searched by field or turned into an alert, and
`console.log(err)` prints `[object Object]` or loses the cause. Python's `print()` is buffered
when stdout is not a terminal, so the line may appear minutes late or never, when the process
is killed.

## Example
```js
app.listen(port, () => console.log("listening on port", port));
```

Use instead:
```js
app.listen(port, () => logger.info({ port }, "listening on port"));
```

## Fix safety
With a logger in scope (pino, winston, bunyan, a `logger` imported from the project, Python
`logging.getLogger`, structlog, loguru) the fix calls it at the matching level
(`error` → `error`, `warn` → `warn`, `log`/`info` → `info`, `debug` → `debug`;
`print(..., file=sys.stderr)` → `error`) and turns "message + values" into structured fields in
the library's own shape: pino and bunyan `logger.info({ port }, "listening")`, winston
`logger.info("listening", { port })`, Python `logger.info("listening on %s", port)`, loguru
`logger.info("listening on {}", port)`, structlog `log.info("listening", port=port)`. It is safe
for JavaScript at `info` and above; it is unsafe at `debug` (hidden at the default level) and for
Python (the standard library drops `info` until logging is configured, e.g. with
`logging.basicConfig(level=logging.INFO)` at startup).

When the file has no logger a second, unsafe fix adds one: a `logger.js`/`logger.ts` module
with pino (in the file's module style, CommonJS or ESM) and the `pino` dependency in
package.json, in the same edit; for Python `logger = logging.getLogger(__name__)` after the
imports. NestJS files get no such fix: Nest's own `Logger` is the one to use there.

The added module is imported the way the file's own relative imports are written. Without any,
a JavaScript ES module imports `./logger.js` (Node's ESM loader needs the extension; bundlers
take it too); a TypeScript file does when its package is an ES module (`"type": "module"` in
package.json, or an `.mts` file) and its tsconfig resolves imports as Node does (`module` or
`moduleResolution` node16/nodenext, or no setting), and imports the bare `./logger` in CommonJS
or under `moduleResolution` bundler.

## References
- [pino](https://getpino.io/#/docs/api)
- [Python logging HOWTO](https://docs.python.org/3/howto/logging.html)
- [The Twelve-Factor App: logs](https://12factor.net/logs)
- [ESLint: no-console](https://eslint.org/docs/latest/rules/no-console)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from prodlint.api import (
    JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Applicability, Fact, FileContext, Finding, Fix, ProjectContext, Rule, Scope,
    Severity, TextEdit,
)
from prodlint.roles import program_files
from prodlint_rules._console_calls import build_added_fix, build_logger_fix, candidates
from prodlint_rules._fix_edits import dependency_edit
from prodlint_rules._rate_limits import resolve_module

RULE = Rule(
    code="LOG001",
    name="console-logging",
    category="4",
    scope=Scope.PROJECT,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.WARNING,
    fix="log through the logger in scope at the matching level with structured fields (or add a pino / "
        "logging.getLogger logger)",
    client_code=False,
)

PINO_VERSION = "^9.6.0"
JS_SERVER_FRAMEWORKS = {"express", "fastify", "koa", "hono", "nestjs", "http", "restify", "hapi", "polka"}
PY_SERVER_FRAMEWORKS = {"flask", "fastapi", "django", "starlette", "sanic", "litestar", "aiohttp"}
_SERVER_SCRIPTS = re.compile(r"^(start|dev|serve|server|prod|production|debug|watch|web|api)([:._-].*)?$")


def check_project(project: ProjectContext) -> Iterator[Finding]:
    if not project.has("console_call"):
        return  # every finding is a `console_call`
    frameworks = {f.value for f in project.facts("framework")}
    js_server = bool(frameworks & JS_SERVER_FRAMEWORKS) or any(not f.path.endswith(".py") for f in project.facts("listen"))
    next_app = "next" in frameworks
    py_server = bool(frameworks & PY_SERVER_FRAMEWORKS) or any(f.path.endswith(".py") for f in project.facts("app"))
    serving = {f.path for kind in _SERVING_KINDS for f in project.facts(kind)}
    bins = {os.path.normpath(os.path.join(project.root, f.value)) for f in project.facts("bin")} | \
        _script_programs(project) | (_ci_programs(project) - serving)
    bins |= _task_modules(project, bins, serving)
    deps = {f.value: f for f in project.facts("dependency")}
    style = _project_style(deps)
    pino_dep: list[TextEdit | None] = []  # package.json's edit adding pino, worked out once
    offers_of: dict[tuple[str, Applicability], Fix] = {}  # the same few offers for every call
    for cand in project.facts_by_kind["console_call"]:
        fields = dict(cand.data)  # read a dozen times below (`Fact.get` scans the pairs)
        if fields.get("language") == "python":
            if not py_server:
                continue
        elif not (js_server or (next_app and fields.get("next_server"))) or cand.path in bins:
            continue
        chosen = _chosen_logger_fix(fields, style)
        added, dep = _added_logger_fix(project, fields, deps, pino_dep)
        offers = [offers_of.get(offer) or offers_of.setdefault(offer, project.offer(*offer))
                  for offer in (chosen, added) if offer[0]]
        data = {"style": chosen[0] and style, "logger_title": chosen[0], "added_title": added[0]}
        if dep is not None:
            data.update(dep_path=dep.path, dep_offset=dep.start, dep_text=dep.text)
        yield project.finding(cand, fields.get("message"), offers, **data)


def _script_programs(project: ProjectContext) -> set[str]:
    """Files package.json scripts run as one-off programs (`"seed": "node db/seed.js"`), not as the
    server (`start`, `dev`, `serve` …)."""
    out: set[str] = set()
    for name, command in project.scripts.items():
        if not _SERVER_SCRIPTS.match(name):
            out |= _program_files(project.root, command or "")
    return out


def _program_files(folder: str, command: str) -> set[str]:
    """The files a command runs with node, tsx, bun … (`node db/seed`: each file the name may be)."""
    return set(program_files(folder, command))


#: the module specifiers `resolve_module` can find in the project (relative, or through a root alias)
_LOCAL_MODULE = ("./", "../", "@/", "~/", "#", "src/")
#: facts that make a file part of the serving process (it creates an app, routes or listens)
_SERVING_KINDS = ("listen", "app", "router", "route")


def _ci_programs(project: ProjectContext) -> set[str]:
    """Files CI pipelines run (`run: node extra/check-lang-json.js`): checks and release steps."""
    out: set[str] = set()
    for f in project.facts("ci_command"):
        out |= _program_files(os.path.join(project.root, f.get("directory") or ""), f.value)
    return out


def _task_modules(project: ProjectContext, programs: set[str], serving: set[str]) -> set[str]:
    """The JavaScript modules that only one-off programs (`programs`: the files of package.json
    scripts, CI pipelines and `bin`) import, directly or through each other: a release tool's
    `lib.mjs` shared by its steps is as much a script as they are. A module some other file of the
    project imports (the server, a route, a component, a module those import) is not, nor is one
    that serves (`serving`: it creates an app or a router, or listens; a script that imports the
    server to reach its app does not make it one)."""
    programs = {p for p in programs if p in project.files}
    if not programs or not project.has("import"):
        return set()
    imports_of = {path: [m for m in modules if m.startswith(_LOCAL_MODULE)]
                  for path, modules in project.model.imports.items()}

    def targets(path: str) -> Iterator[str]:
        for module in imports_of.get(path, ()):
            target = resolve_module(project, path, module)
            if target is not None and not target.endswith(".py"):
                yield target

    reached = set(programs)
    todo = [p for p in programs if p not in serving]
    while todo:
        for target in targets(todo.pop()):
            if target not in reached and target not in serving:
                reached.add(target)
                todo.append(target)
    if reached == programs:
        return set()
    # Imported from outside: by a file no program reaches (only its local imports naming a reached
    # module's stem are resolved), and whatever such a module imports in turn.
    stems = {_module_stem(p) for p in reached}
    shared = set()
    for path, modules in imports_of.items():
        if path not in reached and any(_module_stem(m) in stems for m in modules):
            shared.update(t for t in targets(path) if t in reached)
    todo = list(shared)
    while todo:
        for target in targets(todo.pop()):
            if target in reached and target not in shared:
                shared.add(target)
                todo.append(target)
    return reached - programs - shared


def _module_stem(module: str) -> str:
    """The name a specifier or path ends with, without extension; an index module's folder's name
    (`./lib/index.js`, `./lib` and `../lib/` all give "lib")."""
    head, name = os.path.split(module.rstrip("/"))
    stem = name.split(".", 1)[0]
    return os.path.basename(head) if stem == "index" else stem


def _project_style(deps: dict[str, Fact]) -> str:
    """How an imported project logger takes fields, judged by the logging library the package uses."""
    libraries = {name for name in deps if name in ("pino", "bunyan", "winston")}
    if libraries == {"winston"}:
        return "winston"
    return "pino" if libraries and "winston" not in libraries else "plain"


_NONE = ("", Applicability.DISPLAY)


def _chosen_logger_fix(cand: dict[str, Any], style: str) -> tuple[str, Applicability]:
    """(title, applicability) of the rewrite to the file's own logger in the project's style
    (`cand`: the call's fact data)."""
    for key, title, applicability in zip(cand.get("logger_styles"), cand.get("logger_titles"),
                                         cand.get("logger_applicabilities")):
        if key in ("", style):
            return title, Applicability(applicability)
    return _NONE


def _added_logger_fix(project: ProjectContext, cand: dict[str, Any], deps: dict[str, Fact],
                      pino_dep: list[TextEdit | None]) -> tuple[tuple[str, Applicability], TextEdit | None]:
    """The fix that adds a logger (or imports the one an earlier fix wrote), with the dependency
    edit it needs (kept in `pino_dep` for the project's other calls; `cand`: the call's fact data)."""
    title, created = cand.get("add_title"), cand.get("creates")
    if not title or not created:
        return ((title, Applicability.UNSAFE) if title else _NONE), None
    if created in project.files:
        # the module exists (an earlier fix wrote it): import its `logger` when it exports one
        if any(f.path == created and f.value == "logger" for f in project.facts("logger")) and cand.get("import_title"):
            return (cand.get("import_title"), Applicability.UNSAFE), None
        return _NONE, None
    if "pino" in deps:
        return (title, Applicability.UNSAFE), None
    if not pino_dep:
        pino_dep.append(dependency_edit(project, "pino", PINO_VERSION))
    dep = pino_dep[0]
    return ((title, Applicability.UNSAFE), dep) if dep is not None else (_NONE, None)


def fix(ctx: FileContext, finding: Finding) -> list[Fix]:
    """The offered fixes of the call the finding is anchored on, built from the file as it is now."""
    call = ctx.node_at(finding.span, {"call_expression", "call"})
    if call is None:
        return []
    cand = next(candidates(ctx, [call]), None)
    if cand is None:
        return []
    out = []
    wanted = finding.get("logger_title"), finding.get("style")
    offer = next((o for o in cand.offers if o.title == wanted[0] and o.key in ("", wanted[1])), None)
    made = build_logger_fix(ctx, cand, offer) if offer is not None else None
    if made is not None:
        out.append(made)
    title = finding.get("added_title")
    made = build_added_fix(ctx, cand, title) if title in (cand.add_title, cand.import_title) and title else None
    if made is not None:
        if made.title == cand.add_title and finding.get("dep_path"):
            dep = TextEdit(finding.get("dep_path"), finding.get("dep_offset"), finding.get("dep_offset"),
                           finding.get("dep_text"))
            made = replace(made, edits=made.edits + (dep,))
        out.append(made)
    return out
