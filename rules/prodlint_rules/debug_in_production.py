"""
## What it does
Flags debug mode switched on in code or images that production runs: Flask's
`app.run(debug=True)`, Django's `DEBUG = True` hardcoded in a settings module, and
`ENV FLASK_DEBUG=1` in a Dockerfile. `app.run(debug=True)` is left alone when the project's
Procfile, Dockerfile or compose file starts the app under a production server (gunicorn, uwsgi,
waitress, hypercorn, uvicorn, …), starts another Python file, or runs a start script prodlint
cannot read, and when the project has a `wsgi.py` or gunicorn config but no deployment file
saying otherwise: `app.run()` is then only the local entry point. A Django settings module that another settings module overrides
(`base.py` with `DEBUG = True`, `production.py` reading it from the environment) is left alone,
as are `dev`/`local`/`test` settings and Dockerfiles.

## Why is this bad?
Flask's debug mode serves the Werkzeug debugger: anyone who can trigger an error gets an
interactive Python console on the server. Django's `DEBUG = True` prints settings, SQL and source
on every error page and keeps every query in memory. Both also reload on file changes.

## Example
```python
if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)
```

Use instead:
```python
if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=os.environ.get("FLASK_DEBUG") == "1")
```

## Fix safety
The fix reads the flag from the environment (`FLASK_DEBUG` for Flask, `DJANGO_DEBUG` for
Django), adding `import os` when the file lacks it; in a Dockerfile it removes the `ENV` line.
It is unsafe: debug mode is off until the variable is set.

## References
- [Flask: debug mode](https://flask.palletsprojects.com/en/stable/quickstart/#debug-mode)
- [Django: deployment checklist, DEBUG](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from prodlint.api import (
    DOCKERFILE, PYTHON, Applicability, Fact, FileContext, Finding, ProjectContext, Rule, Scope, Severity,
)
from prodlint.appmodel import in_dev_guard, py_flask_app, python_script_starts
from prodlint.lineformats import dockerfile_instructions
from prodlint.syntax import python_import_edit, quote_style

RULE = Rule(
    code="CFG001",
    name="debug-in-production",
    category="+",
    scope=Scope.PROJECT,
    targets=frozenset({PYTHON, DOCKERFILE}),
    severity=Severity.WARNING,
    fix="read the debug flag from the environment",
)

QUERY = {PYTHON: """
((call function: (attribute object: (identifier) @obj attribute: (identifier) @method)
       arguments: (argument_list (keyword_argument name: (identifier) @kw value: (true) @value))) @call
 (#eq? @method "run") (#eq? @kw "debug"))
((module (expression_statement (assignment left: (identifier) @name right: (_) @setting)))
 (#eq? @name "DEBUG"))
"""}

RUN = "CFG001.run"
SETTING = "CFG001.setting"
DOCKER_ENV = "CFG001.env"
WSGI_ENTRY = "CFG001.wsgi"
WSGI_FILES = {"wsgi.py", "asgi.py", "gunicorn.conf.py", "gunicorn_config.py", "gunicorn.config.py", "gunicorn_conf.py"}
_DEV_NAME = re.compile(r"(^|[._-])(dev|develop|development|local|test|tests|testing|ci)([._-]|$)", re.I)
_DOCKER_DEBUG = re.compile(r"^(FLASK_DEBUG|DJANGO_DEBUG)(=|\s+)[\"']?(1|true|True|on)[\"']?$")


def facts(ctx: FileContext) -> Iterator[Fact]:
    if ctx.role.non_production:
        return
    if ctx.language == DOCKERFILE:
        yield from _dockerfile(ctx)
        return
    if ctx.tree is None:
        return
    if os.path.basename(ctx.path) in WSGI_FILES:
        yield ctx.fact(WSGI_ENTRY, None, os.path.basename(ctx.path))
    for _, caps in ctx.matches:
        if "call" in caps:
            yield from _run(ctx, caps)
        else:
            yield from _setting(ctx, caps["setting"][0])


def check_project(project: ProjectContext) -> Iterator[Finding]:
    deploys = project.facts("deploy_file")
    production_server = any(d.get("python_server") for d in deploys)
    opaque = any(d.get("commands") for d in deploys) and not any(d.get("python_script") for d in deploys)
    flask = any(f.value == "flask" for f in project.facts("framework"))
    scripts = [d.get("python_script") for d in deploys if d.get("python_script")]
    for run in project.facts(RUN):
        if production_server or opaque or not (flask or run.get("certain")):
            continue
        rel = os.path.relpath(run.path, project.root).replace(os.sep, "/")
        if scripts and not any(python_script_starts(s, rel) for s in scripts):
            continue  # production starts another file: this `app.run()` is a local entry point
        if not scripts and project.has(WSGI_ENTRY):
            continue  # a wsgi.py / gunicorn config: served by a WSGI server prodlint cannot see started
        yield project.finding(run, "Flask app runs with `debug=True`: the Werkzeug debugger gives anyone who "
                                   "triggers an error a Python console on the server", [run.get("fix")])
    overridden = {os.path.dirname(f.path) for f in project.facts(SETTING) if not f.get("on")}
    for setting in project.facts(SETTING):
        if setting.get("on") and not (setting.get("package") and os.path.dirname(setting.path) in overridden):
            yield project.finding(setting, "Django `DEBUG = True` is hardcoded: error pages show settings, SQL and "
                                           "source to anyone", [setting.get("fix")])
    for env in project.facts(DOCKER_ENV):
        yield project.finding(env, f"`{env.value}` turns debug mode on in the image production runs",
                              [env.get("fix")])


def _run(ctx: FileContext, caps) -> Iterator[Fact]:
    call, value = caps["call"][0], caps["value"][0]
    flask, certain = py_flask_app(ctx, ctx.text_of(caps["obj"][0]))
    if not flask or in_dev_guard(ctx, call):
        return
    q = quote_style(ctx)
    edits = [ctx.replace(value, f"os.environ.get({q}FLASK_DEBUG{q}) == {q}1{q}")]
    imp = python_import_edit(ctx, "os")
    fix = ctx.fix("Read debug mode from FLASK_DEBUG", Applicability.UNSAFE, *([imp] if imp else []), *edits)
    yield ctx.fact(RUN, call, "flask", certain=certain, fix=fix)


def _setting(ctx: FileContext, value) -> Iterator[Fact]:
    """Django settings: `DEBUG = True` (a candidate) or any other `DEBUG = …` (an override that
    makes the settings package choose debug mode from elsewhere)."""
    base = os.path.basename(ctx.path)
    folder = os.path.basename(os.path.dirname(ctx.path))
    if not (base == "settings.py" or folder == "settings") or _DEV_NAME.search(base.removesuffix(".py")):
        return
    if "django" not in ctx.text and folder != "settings":
        return
    on = value.type == "true"
    fix = None
    if on:
        q = quote_style(ctx)
        imp = python_import_edit(ctx, "os")
        fix = ctx.fix("Read DEBUG from DJANGO_DEBUG", Applicability.UNSAFE, *([imp] if imp else []),
                      ctx.replace(value, f"os.environ.get({q}DJANGO_DEBUG{q}) == {q}1{q}"))
    yield ctx.fact(SETTING, value.parent, "DEBUG", on=on, package=folder == "settings", fix=fix)


def _dockerfile(ctx: FileContext) -> Iterator[Fact]:
    if _DEV_NAME.search(os.path.basename(ctx.path)):
        return
    instructions = dockerfile_instructions(ctx)
    final = max((i.stage for i in instructions), default=0)
    for i in instructions:
        if i.stage != final or i.keyword != "ENV" or not _DOCKER_DEBUG.match(i.args):
            continue
        end = ctx.source.find(b"\n", i.end)
        end = len(ctx.source) if end < 0 else end + 1
        fix = ctx.fix("Remove the ENV line", Applicability.UNSAFE, ctx.replace(ctx.span_of(i.start, end), ""))
        yield ctx.fact(DOCKER_ENV, ctx.span_of(i.start, i.end), re.split(r"[=\s]", i.args)[0] + "=" +
                       re.split(r"[=\s]+", i.args)[1].strip("\"'"), fix=fix)
