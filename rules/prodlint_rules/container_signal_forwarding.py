"""
## What it does
Flags the command a container runs (the final stage's `ENTRYPOINT`, else its last `CMD`) when it
is in shell form (`CMD node server.js`, run by `/bin/sh -c`) or goes through a package manager
(`CMD ["npm", "start"]`, `npm run`, `yarn`, `pnpm`), unless the image uses `tini` or `dumb-init`
or the shell command starts with `exec`.

## Why is this bad?
`docker stop`, Kubernetes and every PaaS stop a container by sending `SIGTERM` to PID 1. When PID
1 is `/bin/sh` or npm, the signal never reaches your server: its shutdown handler never runs,
and after the grace period (10 to 30 seconds) the container is killed, cutting off in-flight
requests. Every deploy becomes slower and lossy.

## Example
```dockerfile
CMD npm start
```

Use instead:
```dockerfile
CMD ["node", "server.js"]
```

## Fix safety
The fix rewrites the instruction to exec form: a shell-form command without shell syntax is
split into its words; `npm start`/`npm run <script>` is replaced by the script from
package.json when that is a plain `node …` command; a shell command that needs the shell
(`$PORT`) gets `exec` in front so the server replaces the shell. Commands chaining several
programs are left for you (use `tini` or `docker run --init`). It is unsafe: npm lifecycle
scripts (`prestart`) no longer run.

## References
- [Dockerfile reference: shell and exec form](https://docs.docker.com/reference/dockerfile/#shell-and-exec-form)
- [Node.js Docker best practices: handling kernel signals](https://github.com/nodejs/docker-node/blob/main/docs/BestPractices.md#handling-kernel-signals)
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator

from prodlint.api import (
    COMPOSE, DOCKERFILE, Applicability, Finding, Fix, ProjectContext, Rule, Scope, Severity, TextEdit,
)
from prodlint.facts.container import PACKAGE_MANAGERS

RULE = Rule(
    code="SIG002",
    name="container-signal-forwarding",
    category="7",
    scope=Scope.PROJECT,
    targets=frozenset({DOCKERFILE, COMPOSE}),
    severity=Severity.WARNING,
    fix="rewrite the command to exec form (the start script's own command for npm start)",
)

SHELL_SYNTAX = re.compile(r"&&|\|\||[;|<>`*?]|\$\(")


def check_project(project: ProjectContext) -> Iterator[Finding]:
    for cand in project.facts("compose_shell"):
        fix = Fix("Run the service with `init: true` (an init process forwards the signal)", Applicability.UNSAFE,
                  (TextEdit(cand.path, cand.get("line_start"), cand.get("line_start"),
                            f"{cand.get('indent')}init: true{cand.get('newline')}"),))
        yield project.finding(cand, f"`{cand.value}: sh -c …` makes the shell PID 1 of the container: SIGTERM never "
                                    f"reaches the app, so every stop waits for the kill", [fix])
    handled = any(f.value == "SIGTERM" for f in project.facts("signal_handler")) or \
        any(f.value in ("uvicorn", "hypercorn", "aiohttp", "sanic", "tornado") for f in project.facts("listen")) or \
        any(f.get("python_server") for f in project.facts("deploy_file"))  # compose/Procfile run a real server
    for cand in project.facts("python_pid1"):
        if handled:
            continue
        yield project.finding(cand, f"`{cand.value} {_short(cand.get('args'))}` runs Python as PID 1 with no SIGTERM "
                                    f"handler: PID 1 ignores the signal unless it handles it, so every stop waits for "
                                    f"the kill", [Fix("Run it under tini (`ENTRYPOINT [\"tini\", \"--\"]`) or "
                                                      "`docker run --init`, or handle SIGTERM", Applicability.DISPLAY, ())])
    scripts = {f.value: f.get("command") for f in project.facts("script")}
    for cand in project.facts("container_command"):
        keyword, args, script = cand.value, cand.get("args"), cand.get("script")
        if script:
            what = f"`{keyword} {args}` runs the server under {cand.get('argv')[0]}"
            new = _from_script(scripts.get(script))
        else:
            what = f"`{keyword} {_short(args)}` runs the server under /bin/sh"
            new = _exec_form(args)
        fixes = []
        if new is not None:
            fixes.append(Fix("Rewrite to exec form", Applicability.UNSAFE,
                             (TextEdit(cand.path, cand.span.start, cand.span.end, f"{keyword} {new}"),)))
        yield project.finding(cand, f"{what}: SIGTERM never reaches it, so every stop waits for the kill", fixes)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def _from_script(command: str | None) -> str | None:
    if not command or SHELL_SYNTAX.search(command) or "$" in command:
        return None
    try:
        argv = shlex.split(command)
    except ValueError:
        return None
    if not argv or argv[0] != "node" or any("=" in a and not a.startswith("-") for a in argv[:1]):
        return None
    return json.dumps(argv)


def _exec_form(args: str) -> str | None:
    if re.search(r"&&|\|\||;|\|", args):
        return None
    words = shlex.split(args)
    if words and words[0] in PACKAGE_MANAGERS:
        return None
    if SHELL_SYNTAX.search(args) or "$" in args or any(re.match(r"^\w+=", w) for w in words[:1]):
        return f"exec {args}" if not words or "=" not in words[0] else None
    return json.dumps(words)
