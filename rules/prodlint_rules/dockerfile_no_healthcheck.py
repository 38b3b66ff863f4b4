"""
## What it does
Flags a Dockerfile whose final stage runs a server (it `EXPOSE`s a port, or its `CMD`/`ENTRYPOINT`
starts `node`, `npm start`, `next start`, `gunicorn`, `uvicorn`, `flask run`, `manage.py
runserver`, …) and declares no `HEALTHCHECK`. `HEALTHCHECK NONE` counts as a deliberate choice.

When the app deploys through a platform, its configuration is judged instead, since that is what
checks health there: `fly.toml` with no http/tcp checks, `railway.toml`/`railway.json` with no
`healthcheckPath`, a `render.yaml` web service with no `healthCheckPath`, and a Kubernetes
Deployment/StatefulSet/DaemonSet container with no readiness or liveness probe (Kubernetes ignores
the Dockerfile's `HEALTHCHECK`).

## Why is this bad?
Docker, Compose and Swarm only know that the process is running, not that it answers: a server
stuck on a dead database connection or an exhausted event loop stays "up" and keeps receiving
traffic, and `depends_on: condition: service_healthy` has nothing to wait for. (Kubernetes ignores
`HEALTHCHECK` and uses its own probes, hence the hint severity.)

## Example
```dockerfile
FROM node:20-alpine
EXPOSE 3000
CMD ["node", "server.js"]
```

Use instead:
```dockerfile
FROM node:20-alpine
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://localhost:3000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "server.js"]
```

## Fix safety
The fix adds a `HEALTHCHECK` before the final `CMD`/`ENTRYPOINT` probing `/healthz` on the port the
app listens on (the command's `--port`/`-p`/`--bind host:port`, else `ENV PORT`, else the first
`EXPOSE`d port), with a program the image has: `node -e "fetch(…)"` in Node images,
`python3 -c "urllib.request…"` in Python images or images that install `python3` (never `python`,
which many images lack), `wget` on Alpine, `curl`/`wget` when a `RUN` line installs them; base
images are followed through stage aliases. When the image has none of them the fix is only a
suggestion. It is unsafe: the container is marked unhealthy until the app serves `/healthz`
(HLT001 adds it). A `HEALTHCHECK` in a stage the final one builds on is inherited and counts.
For a platform the fix writes the entry there (`[[http_service.checks]]`, `healthcheckPath`,
`healthCheckPath`, `readinessProbe`/`livenessProbe` on the container's port), pointing at the
app's own health route when it has one; `railway.json` gets a suggestion.

## References
- [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.api import (
    DOCKERFILE, Applicability, Fact, FileContext, Finding, Fix, ProjectContext, Rule, Scope, Severity, TextEdit,
)
from prodlint.facts.healthcheck import server_image
from prodlint.facts.platform import facts as platform_facts

RULE = Rule(
    code="HLT002",
    name="dockerfile-no-healthcheck",
    category="3",
    scope=Scope.PROJECT,
    targets=frozenset({DOCKERFILE}),
    severity=Severity.HINT,
    fix="add a HEALTHCHECK probing /healthz",
)

HEALTH_ROUTE = re.compile(r"(^|/)(healthz?|readyz|livez|ping|up|status|health[-_]?check)/?$")


def check_project(project: ProjectContext) -> Iterator[Finding]:
    health = _health_path(project)
    platforms = project.facts("platform_config")
    for config in platforms:
        if config.value == "kubernetes" and not config.get("port"):
            continue  # a container that serves no port (a job, a load generator) answers no probe
        if not config.get("checked"):
            yield _platform_finding(project, config, health)
    if platforms:
        return  # the platform's checks (Kubernetes: its probes, which ignore HEALTHCHECK) are what count
    for cand in project.facts("unchecked_server_image"):
        fixes = []
        if cand.get("runs") and cand.get("prober"):
            fixes.append(project.offer(_title(health, cand.get("port")), Applicability.UNSAFE))
        elif cand.get("runs"):
            fixes.append(Fix("Add a HEALTHCHECK (the image has no node, python3, curl or wget to probe with: "
                             "install one)", Applicability.DISPLAY, ()))
        yield project.finding(cand, "Dockerfile runs a server but declares no HEALTHCHECK: Docker cannot tell a "
                                    "hung container from a healthy one", fixes, health=health)


def _title(health: str, port: str) -> str:
    return f"Add a HEALTHCHECK probing {health} on port {port}"


def fix(ctx: FileContext, finding: Finding) -> Fix | None:
    """A Dockerfile: the HEALTHCHECK before the final stage's first CMD/ENTRYPOINT, probing the
    app's health route with the program the image has. A platform file: its own health check."""
    if ctx.language != DOCKERFILE:
        return _platform_fix(ctx, finding)
    image = server_image(ctx)
    health = finding.get("health") or "/healthz"
    if image is None or not image.runs or not image.prober or image.anchor.line != finding.span.start_point[0]:
        return None  # the Dockerfile changed since it was checked
    url = f"http://localhost:{image.port}{health}"
    text = (f"HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \\{ctx.newline}"
            f"  CMD {_PROBES[image.prober].format(url=url)}{ctx.newline}")
    at = image.anchor.start
    return ctx.fix(_title(health, image.port), Applicability.UNSAFE, TextEdit(ctx.path, at, at, text))


# The probe command of each program an image may have; `{url}` is the health route's URL.
_PROBES = {
    "node": "node -e \"fetch('{url}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))\"",
    "python3": "python3 -c \"import urllib.request; urllib.request.urlopen('{url}', timeout=4)\"",
    "curl": "curl -fsS {url} || exit 1",
    "wget": "wget -qO- {url} || exit 1",
}


def _health_path(project: ProjectContext) -> str:
    """The app's own health route when it has one, else `/healthz` (what HLT001 adds)."""
    for route in project.routes():
        for path in route.full_paths:
            if HEALTH_ROUTE.search(path):
                return path if path.startswith("/") else "/" + path
    return "/healthz"


_PLATFORM_NAMES = {"fly": "fly.toml", "railway": "Railway config", "render": "render.yaml",
                   "kubernetes": "Kubernetes container"}


def _platform_finding(project: ProjectContext, config: Fact, health: str) -> Finding:
    if _platform_editable(config):
        fixes = [project.offer(_platform_title(health), Applicability.UNSAFE)]
    else:
        fixes = [Fix(f"Add a health check on {health} to the platform configuration", Applicability.DISPLAY, ())]
    if config.value == "kubernetes":
        message = ("Kubernetes container has no readiness or liveness probe: Kubernetes ignores the Dockerfile's "
                   "HEALTHCHECK, so it sends traffic to a pod that cannot serve and never restarts a hung one")
    else:
        message = (f"{_PLATFORM_NAMES[config.value]} declares no health check: the platform cannot tell a hung "
                   f"instance from a healthy one, nor hold a deploy until the new one answers")
    return project.finding(config, message, fixes, health=health)


def _platform_title(health: str) -> str:
    return f"Add a health check on {health}"


def _platform_editable(config: Fact) -> bool:
    """Whether the configuration has a place for the check (railway.json gets a suggestion only)."""
    if config.get("insert_at") < 0:
        return False
    return config.value != "railway" or config.get("section") == "deploy"


def _platform_fix(ctx: FileContext, finding: Finding) -> Fix | None:
    """The check in the platform's own syntax, where the platform file's reader says it goes."""
    config = next((f for f in platform_facts(ctx) if f.span is not None and f.span.start == finding.span.start), None)
    if config is None or config.get("checked") or not _platform_editable(config):
        return None  # the file changed since it was checked
    health = finding.get("health") or "/healthz"
    platform, at, indent, nl = config.value, config.get("insert_at"), config.get("indent"), ctx.newline
    if platform == "fly":
        table = "[[http_service.checks]]" if config.get("section") == "http_service" else "[[services.http_checks]]"
        edit = f"{nl}{table}{nl}  grace_period = \"10s\"{nl}  interval = \"30s\"{nl}  method = \"GET\"{nl}" \
               f"  timeout = \"5s\"{nl}  path = \"{health}\"{nl}"
    elif platform == "railway":
        edit = f"healthcheckPath = \"{health}\"{nl}"
    elif platform == "render":
        edit = f"{indent}healthCheckPath: {health}{nl}"
    else:
        probe = f"{nl}".join([f"{indent}  httpGet:", f"{indent}    path: {health}", f"{indent}    port: {config.get('port')}"])
        edit = f"{indent}readinessProbe:{nl}{probe}{nl}{indent}livenessProbe:{nl}{probe}{nl}" \
               f"{indent}  initialDelaySeconds: 10{nl}"
    return ctx.fix(_platform_title(health), Applicability.UNSAFE, TextEdit(ctx.path, at, at, edit))
