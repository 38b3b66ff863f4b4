"""
## What it does
Flags Flask's `app.run()` when it is how production starts the app: the project's Dockerfile,
Procfile or compose file runs that very file (`CMD ["python", "app.py"]`, `web: python app.py`)
and none of them starts a production server (gunicorn, uwsgi, waitress, hypercorn, uvicorn, …);
and `flask run` / `python -m flask run` as the command of the final Dockerfile stage, a Procfile's
web process or a compose service (development compose files aside).
`app.run()` under `if __name__ == "__main__":` for local development, while production runs
gunicorn, is left alone; so is a project with no deployment file (nothing says how it runs).

## Why is this bad?
`app.run()` starts Werkzeug's development server, which says so on every start: "Do not use it in
a production deployment." It serves requests from one process with no worker management, no
timeouts for slow clients, and no graceful restarts; a slow endpoint or a crash takes the whole
site down.

## Example
```dockerfile
CMD ["python", "app.py"]
```
```python
if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8000)
```

Use instead:
```dockerfile
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
```

## Fix safety
A suggestion only (naming the gunicorn command for this app): switching servers adds a dependency
and changes how the process is configured.

## References
- [Flask: deploying to production](https://flask.palletsprojects.com/en/stable/deploying/)
- [Gunicorn: running gunicorn](https://docs.gunicorn.org/en/stable/run.html)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from prodlint.api import (
    COMPOSE, DOCKERFILE, PROCFILE, PYTHON, Applicability, Fact, FileContext, Finding, Fix, ProjectContext, Rule,
    Scope, Severity,
)
from prodlint.appmodel import in_dev_guard, py_flask_app, python_script_starts
from prodlint.lineformats import dockerfile_instructions

RULE = Rule(
    code="CFG002",
    name="dev-server-in-production",
    category="+",
    scope=Scope.PROJECT,
    targets=frozenset({PYTHON, DOCKERFILE, PROCFILE, COMPOSE}),
    severity=Severity.WARNING,
    fix="suggest the gunicorn command that serves this app",
)

QUERY = {PYTHON: """
((call function: (attribute object: (identifier) @obj attribute: (identifier) @method)) @call
 (#eq? @method "run"))
"""}

CANDIDATE = "CFG002.run"
FLASK_RUN = "CFG002.flask_run"
_FLASK_RUN = re.compile(r"(?<![\w.-])(?:python[\d.]*\s+(?:-u\s+)?-m\s+)?flask\s+(?:--app[= ]\S+\s+|-A\s+\S+\s+)?"
                        r"(?:--debug\s+)?run\b")
_DEV_COMPOSE = re.compile(r"(dev|local|test|override|ci)", re.I)


def _flask_run_lines(ctx: FileContext) -> Iterator[tuple[int, int]]:
    """Byte ranges of the commands that start `flask run` in a deployment file: the final
    Dockerfile stage's CMD/ENTRYPOINT, a Procfile's web process, a compose `command:`."""
    if ctx.language == DOCKERFILE:
        instructions = dockerfile_instructions(ctx)
        final = max((i.stage for i in instructions), default=0)
        start = next((i for i in instructions if i.stage == final and i.keyword == "FROM"), None)
        if start is not None and re.search(r"\sAS\s+\S*dev", start.args, re.I):
            return  # the final stage is a development environment (`FROM builder AS dev-envs`)
        for i in instructions:
            text = ctx.source[i.start:i.end].decode("utf-8", "replace")
            if i.stage == final and i.keyword in ("CMD", "ENTRYPOINT") and _FLASK_RUN.search(text.replace('", "', " ")):
                yield i.start, i.end
        return
    if ctx.language == COMPOSE and _DEV_COMPOSE.search(os.path.basename(ctx.path)):
        return
    offset = 0
    for line in ctx.lines():
        start, offset = offset, offset + len(line.encode()) + 1
        stripped = line.strip()
        if ctx.language == PROCFILE:
            role, sep, command = stripped.partition(":")
            ok = sep and role.strip() in ("web", "app", "server", "api") and _FLASK_RUN.search(command)
        else:
            ok = re.match(r"^(command|entrypoint)\s*:", stripped) and _FLASK_RUN.search(stripped.replace('", "', " "))
        if ok:
            yield start + len(line) - len(line.lstrip()), start + len(line.rstrip().encode())


def facts(ctx: FileContext) -> Iterator[Fact]:
    if ctx.role.non_production:
        return
    if ctx.language != PYTHON:
        for start, end in _flask_run_lines(ctx):
            yield ctx.fact(FLASK_RUN, ctx.span_of(start, end), os.path.basename(ctx.path))
        return
    if ctx.tree is None:
        return
    for _, caps in ctx.matches:
        call, name = caps["call"][0], ctx.text_of(caps["obj"][0])
        flask, certain = py_flask_app(ctx, name)
        if flask and not in_dev_guard(ctx, call):
            yield ctx.fact(CANDIDATE, call, "flask", app=name, certain=certain)


def check_project(project: ProjectContext) -> Iterator[Finding]:
    deploys = project.facts("deploy_file")
    if any(d.get("python_server") for d in deploys):
        return
    for run in project.facts(FLASK_RUN):
        yield project.finding(run, f"`flask run` starts Flask's development server in production (`{run.value}`): "
                                   f"run the app under gunicorn",
                              [Fix("Serve it with `gunicorn --bind 0.0.0.0:8000 <module>:app`", Applicability.DISPLAY, ())])
    flask = any(f.value == "flask" for f in project.facts("framework"))
    for run in project.facts(CANDIDATE):
        if not (flask or run.get("certain")):
            continue
        rel = os.path.relpath(run.path, project.root).replace(os.sep, "/")
        started = next((d for d in deploys if python_script_starts(d.get("python_script") or "", rel)), None)
        if started is None:
            continue
        module = rel.removesuffix(".py").removesuffix("/__main__").replace("/", ".")
        command = f"gunicorn --bind 0.0.0.0:8000 {module}:{run.get('app')}"
        yield project.finding(run, f"Flask's development server serves production (`{started.get('name')}` starts "
                                   f"`{started.get('python_script')}`): run the app under gunicorn",
                              [Fix(f"Serve it with `{command}`", Applicability.DISPLAY, ())])
