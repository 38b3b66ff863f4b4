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
from collections.abc import Iterator

from prodlint.api import (
    COMPOSE, DOCKERFILE, PROCFILE, PYTHON, Applicability, Finding, Fix, ProjectContext, Rule, Scope, Severity,
)
from prodlint.appmodel import python_script_starts

RULE = Rule(
    code="CFG002",
    name="dev-server-in-production",
    category="+",
    scope=Scope.PROJECT,
    targets=frozenset({PYTHON, DOCKERFILE, PROCFILE, COMPOSE}),
    severity=Severity.WARNING,
    fix="suggest the gunicorn command that serves this app",
)


def check_project(project: ProjectContext) -> Iterator[Finding]:
    deploys = project.facts("deploy_file")
    if any(d.get("python_server") for d in deploys):
        return
    for run in project.facts("flask_run_command"):
        yield project.finding(run, f"`flask run` starts Flask's development server in production (`{run.value}`): "
                                   f"run the app under gunicorn",
                              [Fix("Serve it with `gunicorn --bind 0.0.0.0:8000 <module>:app`", Applicability.DISPLAY, ())])
    flask = any(f.value == "flask" for f in project.facts("framework"))
    for run in project.facts("flask_run"):
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
