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
from collections.abc import Iterator

from prodlint.api import (
    DOCKERFILE, PYTHON, Applicability, FileContext, Finding, Fix, ProjectContext, Rule, Scope, Severity,
)
from prodlint.appmodel import python_script_starts
from prodlint.facts.debug import debug_argument
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

RUN_FIX = "Read debug mode from FLASK_DEBUG"
SETTING_FIX = "Read DEBUG from DJANGO_DEBUG"
ENV_FIX = "Remove the ENV line"


def check_project(project: ProjectContext) -> Iterator[Finding]:
    deploys = project.facts("deploy_file")
    production_server = any(d.get("python_server") for d in deploys)
    opaque = any(d.get("commands") for d in deploys) and not any(d.get("python_script") for d in deploys)
    flask = any(f.value == "flask" for f in project.facts("framework"))
    scripts = [d.get("python_script") for d in deploys if d.get("python_script")]
    for run in project.facts("flask_run"):
        if not run.get("debug") or production_server or opaque or not (flask or run.get("certain")):
            continue
        rel = os.path.relpath(run.path, project.root).replace(os.sep, "/")
        if scripts and not any(python_script_starts(s, rel) for s in scripts):
            continue  # production starts another file: this `app.run()` is a local entry point
        if not scripts and project.has("wsgi_entry"):
            continue  # a wsgi.py / gunicorn config: served by a WSGI server prodlint cannot see started
        yield project.finding(run, "Flask app runs with `debug=True`: the Werkzeug debugger gives anyone who "
                                   "triggers an error a Python console on the server",
                              [project.offer(RUN_FIX, Applicability.UNSAFE)], setting="flask")
    overridden = {os.path.dirname(f.path) for f in project.facts("django_debug") if not f.get("on")}
    for setting in project.facts("django_debug"):
        if setting.get("on") and not (setting.get("package") and os.path.dirname(setting.path) in overridden):
            yield project.finding(setting, "Django `DEBUG = True` is hardcoded: error pages show settings, SQL and "
                                           "source to anyone",
                                  [project.offer(SETTING_FIX, Applicability.UNSAFE)], setting="django")
    for env in project.facts("debug_env"):
        yield project.finding(env, f"`{env.value}` turns debug mode on in the image production runs",
                              [project.offer(ENV_FIX, Applicability.UNSAFE)], setting="env")


def fix(ctx: FileContext, finding: Finding) -> Fix | None:
    """Read the flag from the environment (Flask, Django), or remove the Dockerfile's ENV line."""
    setting = finding.get("setting")
    if setting == "env":
        if not ctx.source[finding.span.start:finding.span.end].upper().startswith(b"ENV"):
            return None  # the Dockerfile changed since it was checked
        end = ctx.source.find(b"\n", finding.span.end)
        end = len(ctx.source) if end < 0 else end + 1
        return ctx.fix(ENV_FIX, Applicability.UNSAFE, ctx.replace(ctx.span_of(finding.span.start, end), ""))
    if setting == "flask":
        call = ctx.node_at(finding.span, {"call"})
        value = debug_argument(call) if call is not None else None
        title, variable = RUN_FIX, "FLASK_DEBUG"
    else:
        assignment = ctx.node_at(finding.span, {"assignment"})
        value = assignment.child_by_field_name("right") if assignment is not None else None
        title, variable = SETTING_FIX, "DJANGO_DEBUG"
    if value is None or value.type != "true":
        return None
    q = quote_style(ctx)
    imp = python_import_edit(ctx, "os")
    return ctx.fix(title, Applicability.UNSAFE, *([imp] if imp else []),
                   ctx.replace(value, f"os.environ.get({q}{variable}{q}) == {q}1{q}"))
