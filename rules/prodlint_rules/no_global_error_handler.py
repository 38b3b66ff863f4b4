"""
## What it does
Flags an Express app when no file of its project registers an error-handling middleware (a
function of four parameters, `(err, req, res, next)`, or a middleware named like one:
`errorHandler`, `Sentry.setupExpressErrorHandler(app)`); a Flask app with no
`errorhandler(Exception)`/`errorhandler(500)`, unless it only renders HTML templates (Flask logs
the exception, and its default 500 page, which shows no traceback, is what a browser user should
see; an app that renders pages and also answers JSON, `jsonify` or routes under `/api`, is
reported). Fastify is left alone: its default error handler already logs the error and answers
JSON.

## Why is this bad?
Express's default handler answers an HTML page, and unless `NODE_ENV` is `production` that page
holds the stack trace: file paths, library versions and sometimes query text go to the client.
API clients expecting JSON choke on it, and nothing but stderr records the failure. Flask answers
its HTML "Internal Server Error" page to JSON clients.

## Example
```js
app.use("/api", api);
app.listen(3000);
```

Use instead:
```js
app.use("/api", api);

app.use((err, req, res, next) => {
  console.error(err);
  if (res.headersSent) return next(err);
  const status = err.status || err.statusCode || 500;
  res.status(status).json({ error: status < 500 ? err.message : "Internal Server Error" });
});

app.listen(3000);
```

## Fix safety
The fix inserts an error middleware after the last route and `app.use` and before `listen()` (or
the export of the app), logging with the file's logger when it has one and answering JSON: the
error's own message for 4xx errors (body-parser's "Unexpected token"), a generic message for the
rest. Fastify gets a `setErrorHandler` with the same answer; Flask an `errorhandler(500)` that
answers JSON (Flask has already logged the exception). In a Flask app that also renders pages the
handler negotiates: a client that prefers `text/html` (a browser) gets Flask's own error page, any
other (`fetch()`'s `*/*`, `application/json`) the JSON answer; `request` is added to the file's
`from flask import`. It is unsafe: the error responses change. An app a class holds
(`this.app = express()`) gets no fix: its routes are registered in methods whose order a fix
cannot see, and an error middleware registered before them never runs.

## References
- [Express: error handling](https://expressjs.com/en/guide/error-handling.html)
- [Flask: handling application errors](https://flask.palletsprojects.com/en/stable/errorhandling/)
- [Fastify: setErrorHandler](https://fastify.dev/docs/latest/Reference/Server/#seterrorhandler)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.api import (
    JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Applicability, FileContext, Finding, Fix, ProjectContext, Rule, Scope,
    Severity,
)
from prodlint.appmodel import js_imports, js_logger, py_imports
from prodlint.syntax import end_of_line_after, indent_unit, quote_style, statement_of, uses_semicolons
from prodlint.facts.views import App

RULE = Rule(
    code="ERR002",
    name="no-global-error-handler",
    category="2",
    scope=Scope.PROJECT,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.WARNING,
    fix="insert an error handler that logs and answers a JSON 500",
)

FLASK_HANDLED = {"Exception", "500", "InternalServerError", "BaseException", "HTTPException",
                 "werkzeug.exceptions.InternalServerError", "exceptions.InternalServerError"}
TITLES = {"express": "Add an error-handling middleware answering JSON", "fastify": "Add a setErrorHandler answering JSON",
          "flask": "Add an errorhandler(500) answering JSON",
          "flask-pages": "Add an errorhandler(500) answering JSON to API clients and the error page to browsers"}


def check_project(project: ProjectContext) -> Iterator[Finding]:
    if not any(app.framework in ("express", "flask") for app in project.apps()):
        return  # every finding is anchored on an Express or a Flask app (`_candidates`)
    handled = set()
    for h in project.facts("error_handler"):
        if h.value == "flask" and h.get("handles") not in FLASK_HANDLED:
            continue
        handled.add(h.value)
    pages = any(f.value == "flask" for f in project.facts("renders_templates"))
    if pages and not _answers_json(project):
        handled.add("flask")  # HTML pages only: Flask's default 500 page is what a browser should get
    for framework in ("express", "flask"):  # Fastify's default error handler logs and answers JSON
        if framework in handled:
            continue
        html = framework == "flask" and pages
        found = sorted(_candidates(project, framework), key=lambda c: (not c[1], c[0].path, c[0].fact.span.start))
        if not found:
            continue
        app = found[0][0]
        what = "Express app has no error-handling middleware: errors answer an HTML page with the stack trace" \
            if framework == "express" else "Flask app has no `errorhandler(500)`: JSON clients get an HTML error page"
        title = TITLES["flask-pages" if html else framework]
        # an app a class holds (`this.app = express()`) registers its routes in methods a fix
        # cannot order its handler after: the finding stands without one
        offers = [] if app.name.startswith("this.") else [project.offer(title, Applicability.UNSAFE)]
        yield project.finding(app.fact, what, offers, framework=framework, name=app.name, html=html)


def _answers_json(project: ProjectContext) -> bool:
    """Whether the Flask project answers JSON besides its pages: it imports `jsonify`, or serves
    routes under `/api`."""
    if any("flask.jsonify" in modules for modules in project.model.imports.values()):
        return True
    return any(r.framework == "flask" and any(p == "/api" or p.startswith("/api/") for p in r.full_paths)
               for r in project.routes())


def _candidates(project: ProjectContext, framework: str) -> list[tuple[App, bool]]:
    """(app, whether it listens in its file) of the project's Express apps or Flask apps (not Quart's)."""
    listening = {(e.path, e.object) for e in project.entry_points()}
    imports = project.model.imports
    out = []
    for app in project.apps():
        if app.framework != framework or app.fact.span is None or app.python != (framework == "flask"):
            continue
        if framework == "flask":
            modules = imports.get(app.path, ())
            if any(m.split(".")[0] == "quart" for m in modules) and not any(m.split(".")[0] == "flask" for m in modules):
                continue
        out.append((app, app.python or (app.path, app.name) in listening))
    return out


def fix(ctx: FileContext, finding: Finding) -> Fix | None:
    framework, name = finding.get("framework"), finding.get("name")
    value = ctx.node_at(finding.span)
    if value is None or not name:
        return None
    if framework == "flask":
        return _flask_fix(ctx, value, name, bool(finding.get("html")))
    decl = value.parent
    if decl is None or decl.type != "variable_declarator":
        return None
    return _express_fix(ctx, decl, name) if framework == "express" else _fastify_fix(ctx, decl, name)


# ------------------------------------------------------------------ fixes

def _insertion_point(ctx: FileContext, statement, app: str) -> tuple[int, bool]:
    """(offset, before): after the last `app.x(...)` sibling statement, or before the `listen()`,
    `module.exports`/`export default`/`return` that follows it."""
    siblings = [s for s in statement.parent.named_children if s.type != "comment"]
    index = siblings.index(statement)
    last = statement
    for sibling in siblings[index + 1:]:
        text = ctx.text_of(sibling)
        if sibling.type == "return_statement" or text.startswith(("module.exports", "export default", "exports.")) \
                or f"{app}.listen" in text or "serve(" in text:
            return sibling.start_byte, True
        if sibling.type == "expression_statement" and text.startswith(f"{app}."):
            last = sibling
    return end_of_line_after(ctx, last.end_byte), False


def _block(ctx: FileContext, lines: list[str], indent: str) -> str:
    return ctx.newline.join((indent + line) if line else "" for line in lines)


def _express_fix(ctx: FileContext, decl, app: str) -> Fix | None:
    statement = statement_of(decl)
    if statement.parent is None or statement.type not in ("lexical_declaration", "variable_declaration"):
        return None
    ind, u, nl = ctx.indent_at(statement.start_byte), indent_unit(ctx), ctx.newline
    q, semi = quote_style(ctx), (";" if uses_semicolons(ctx) else "")
    logger = js_logger(ctx)
    params = "err, req, res, next"
    if ctx.language != JAVASCRIPT:
        ns = next((n for n, m in js_imports(ctx).items() if m == "express" and n and not n.startswith(" ")
                   and f"{n}(" in ctx.text), None)
        if ns and not re.search(rf"\bimport\s+(?:\*\s+as\s+)?{re.escape(ns)}\b", ctx.text):
            ns = None  # bound by require(): a value typed `any`, with no namespace of types
        t = f"{ns}." if ns else f"import({q}express{q})."
        params = f"err: any, req: {t}Request, res: {t}Response, next: {t}NextFunction"
    lines = [f"{app}.use(({params}) => {{",
             f"{u}{logger}.error(err){semi}" if logger else f"{u}console.error(err){semi}",
             f"{u}if (res.headersSent) return next(err){semi}",
             f"{u}const status = err.status || err.statusCode || 500{semi}",
             f"{u}res.status(status).json({{ error: status < 500 ? err.message : {q}Internal Server Error{q} }}){semi}",
             f"}}){semi}"]
    at, before = _insertion_point(ctx, statement, app)
    text = _block(ctx, lines, ind)
    edit = _before(ctx, at, text) if before else ctx.insert(at, nl + nl + text)
    return ctx.fix(TITLES["express"], Applicability.UNSAFE, edit)


def _fastify_fix(ctx: FileContext, decl, app: str) -> Fix | None:
    statement = statement_of(decl)
    if statement.type not in ("lexical_declaration", "variable_declaration"):
        return None
    ind, u, nl = ctx.indent_at(statement.start_byte), indent_unit(ctx), ctx.newline
    q, semi = quote_style(ctx), (";" if uses_semicolons(ctx) else "")
    lines = [f"{app}.setErrorHandler((error, request, reply) => {{",
             f"{u}request.log.error(error){semi}",
             f"{u}const status = error.statusCode ?? 500{semi}",
             f"{u}reply.status(status).send({{ error: status < 500 ? error.message : {q}Internal Server Error{q} }}){semi}",
             f"}}){semi}"]
    at = end_of_line_after(ctx, statement.end_byte)
    return ctx.fix(TITLES["fastify"], Applicability.UNSAFE,
                   ctx.insert(at, nl + nl + _block(ctx, lines, ind)))


def _flask_fix(ctx: FileContext, value, app: str, html: bool = False) -> Fix | None:
    statement = value.parent.parent if value.parent is not None else None
    if statement is None or statement.parent is None:
        return None
    ind, u, nl = ctx.indent_at(statement.start_byte), indent_unit(ctx), ctx.newline
    q = quote_style(ctx)
    lines = [f"@{app}.errorhandler(500)", "def internal_server_error(err):",
             f"{u}return {{{q}error{q}: {q}Internal Server Error{q}}}, 500"]
    extra = []
    if html:
        request = _flask_request(ctx)
        if request is None:
            return None
        name, import_edit = request
        lines[2:2] = [f"{u}if {name}.accept_mimetypes.best_match([{q}application/json{q}, {q}text/html{q}]) == "
                      f"{q}text/html{q}:",
                      f"{u}{u}return err  # Flask's own error page, for browsers"]
        extra = [import_edit] if import_edit is not None else []
    text = _block(ctx, lines, ind)
    title = TITLES["flask-pages" if html else "flask"]
    siblings = statement.parent.named_children
    if statement.parent.type == "module":
        main = next((c for c in siblings if c.type == "if_statement"
                     and "__name__" in ctx.text_of(c.child_by_field_name("condition"))), None)
        if main is not None:
            return ctx.fix(title, Applicability.UNSAFE, *extra, ctx.insert(main.start_byte, text + nl * 3))
        return ctx.fix(title, Applicability.UNSAFE, *extra, ctx.insert(len(ctx.source.rstrip()), nl * 3 + text))
    ret = next((c for c in siblings if c.type == "return_statement" and c.start_byte > statement.start_byte), None)
    if ret is None:
        return None
    return ctx.fix(title, Applicability.UNSAFE, *extra, _before(ctx, ret.start_byte, text))


def _flask_request(ctx: FileContext):
    """(how the file names Flask's `request`, the edit that imports it or None): the name it
    already has, `request` added to its `from flask import`, or `flask.request`. None when
    `request` is bound to something else here."""
    imports = py_imports(ctx)
    known = next((n for n, m in imports.items() if m == "flask.request"), None)
    if known is not None:
        return known, None
    if "request" in imports:
        return None
    for node in ctx.tree.root_node.named_children:
        module = node.child_by_field_name("module_name") if node.type == "import_from_statement" else None
        if module is None or ctx.text_of(module) != "flask":
            continue
        if any(c.type == "wildcard_import" for c in node.named_children):
            return "request", None
        names = [c for c in node.named_children if c != module and c.type in ("dotted_name", "aliased_import")]
        if names:
            return "request", ctx.insert(names[-1].end_byte, ", request")
    module = next((n for n, m in imports.items() if m == "flask"), None)
    return (f"{module}.request", None) if module is not None else None


def _before(ctx: FileContext, at: int, text: str):
    """Insert a block on its own lines before the statement at `at`, a blank line on each side."""
    line_start = ctx.source.rfind(b"\n", 0, at) + 1
    nl = ctx.newline
    previous = ctx.source[:line_start].rstrip(b"\r\n")
    last_line = previous[previous.rfind(b"\n") + 1:]
    lead = "" if not previous or not last_line.strip() or ctx.source[:line_start].endswith(b"\n\n") else nl
    if ctx.source[:line_start].endswith((b"\n\n", b"\n\r\n")):
        lead = ""
    return ctx.insert(line_start, lead + text + nl + nl)
