"""
## What it does
Flags a Dockerfile whose final stage runs a server (it `EXPOSE`s a port, or its `CMD`/`ENTRYPOINT`
starts `node`, `npm start`, `next start`, `gunicorn`, `uvicorn`, `flask run`, `manage.py
runserver`, …) and declares no `HEALTHCHECK`. `HEALTHCHECK NONE` counts as a deliberate choice.

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
The fix adds a `HEALTHCHECK` before the final `CMD`/`ENTRYPOINT` probing `/healthz` on the first
exposed port, with the runtime the image already has (`node -e "fetch(…)"` for Node images,
`python -c "urllib.request…"` for Python images, `wget`/`curl` otherwise), so no package needs
installing. It is unsafe: the container is marked unhealthy until the app serves `/healthz`
(HLT001 adds it).

## References
- [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.api import (
    DOCKERFILE, Applicability, FileContext, Finding, Rule, Scope, Severity, dockerfile_instructions,
)

RULE = Rule(
    code="HLT002",
    name="dockerfile-no-healthcheck",
    category="3",
    scope=Scope.FILE,
    targets=frozenset({DOCKERFILE}),
    severity=Severity.HINT,
    fix="add a HEALTHCHECK probing /healthz",
)

SERVER_COMMAND = re.compile(
    r"\b(node|nodemon|pm2-runtime|npm|yarn|pnpm|bun|deno|next|nest|gunicorn|uvicorn|hypercorn|daphne|waitress-serve|"
    r"flask|fastapi|manage\.py|python3?|java|dotnet|rails|puma|php-fpm|nginx|caddy|httpd)\b")
NON_SERVER = re.compile(r"\b(test|jest|vitest|pytest|migrate|lint|build|sh -c true|sleep|cron|celery|worker)\b")


def check(ctx: FileContext) -> Iterator[Finding]:
    instructions = dockerfile_instructions(ctx)
    if not instructions:
        return
    final = max(i.stage for i in instructions)
    stage = [i for i in instructions if i.stage == final]
    if any(i.keyword == "HEALTHCHECK" for i in stage):
        return
    runs = [i for i in stage if i.keyword in ("CMD", "ENTRYPOINT")]
    exposes = [i for i in stage if i.keyword == "EXPOSE"]
    command = " ".join(i.args for i in runs)
    if not exposes and not SERVER_COMMAND.search(command):
        return
    if NON_SERVER.search(command) and not exposes:
        return
    anchor = runs[0] if runs else stage[0]
    base = next((i.args for i in stage if i.keyword == "FROM"), "")
    port = _port(exposes, base, command)
    probe = _probe(base, command, port)
    text = (f"HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \\{ctx.newline}"
            f"  CMD {probe}{ctx.newline}")
    fixes = [ctx.fix("Add a HEALTHCHECK probing /healthz", Applicability.UNSAFE, ctx.insert(anchor.start, text))] \
        if runs else []
    yield ctx.finding(ctx.line_span(anchor.line),
                      "Dockerfile runs a server but declares no HEALTHCHECK: Docker cannot tell a hung "
                      "container from a healthy one", fixes)


def _port(exposes, base: str, command: str) -> str:
    for expose in exposes:
        m = re.search(r"\b(\d{2,5})\b", expose.args)
        if m:
            return m.group(1)
        m = re.search(r"\$\{?(\w+)", expose.args)
        if m:
            return "${" + m.group(1) + "}"
    return "8000" if _is_python(base, command) else "3000"


def _is_python(base: str, command: str) -> bool:
    return bool(re.search(r"python|gunicorn|uvicorn|hypercorn|daphne|manage\.py|flask|fastapi", base + " " + command))


def _probe(base: str, command: str, port: str) -> str:
    url = f"http://localhost:{port}/healthz"
    if re.search(r"(^|/)(node|bun)[:@ ]|node_modules|\bnode\b|\bnpm\b|\byarn\b|\bpnpm\b|\bnext\b", base + " " + command) \
            and not _is_python(base, command):
        return (f"node -e \"fetch('{url}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))\"")
    if _is_python(base, command):
        return f"python -c \"import urllib.request; urllib.request.urlopen('{url}', timeout=4)\""
    if "alpine" in base:
        return f"wget -qO- {url} || exit 1"
    return f"curl -fsS {url} || exit 1"
