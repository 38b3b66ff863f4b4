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
    COMPOSE, DOCKERFILE, Applicability, FileContext, Finding, Fix, ProjectContext, Rule, Scope, Severity,
)
from prodlint.facts.container import PACKAGE_MANAGERS, argv_of, package_script, shell_wrapped
from prodlint.lineformats import dockerfile_instructions

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
        yield project.finding(cand, f"`{cand.value}: sh -c …` makes the shell PID 1 of the container: SIGTERM never "
                                    f"reaches the app, so every stop waits for the kill",
                              [project.offer(INIT_FIX, Applicability.UNSAFE)], form="compose")
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
        fixes = [project.offer(EXEC_FIX, Applicability.UNSAFE)] if new is not None else []
        yield project.finding(cand, f"{what}: SIGTERM never reaches it, so every stop waits for the kill", fixes,
                              form="dockerfile", command=scripts.get(script) or "" if script else "")


def fix(ctx: FileContext, finding: Finding) -> Fix | None:
    """`init: true` above a compose service's `sh -c` command; the Dockerfile command in exec form
    (the start script's own command for `npm start`, whose package.json command the finding carries)."""
    start = finding.span.start
    if finding.get("form") == "compose":
        line_start = ctx.source.rfind(b"\n", 0, start) + 1
        line_end = ctx.source.find(b"\n", start)
        line = ctx.source[line_start:len(ctx.source) if line_end < 0 else line_end].decode("utf-8", "replace")
        indent = line[:len(line) - len(line.lstrip(" "))]
        if not shell_wrapped(line) or line_start + len(indent) != start:
            return None  # the file changed since it was checked
        return ctx.fix(INIT_FIX, Applicability.UNSAFE, ctx.insert(line_start, f"{indent}init: true{ctx.newline}"))
    target = next((i for i in dockerfile_instructions(ctx) if i.start == start and i.end == finding.span.end), None)
    if target is None or target.keyword not in ("CMD", "ENTRYPOINT"):
        return None
    _, argv = argv_of(target.args)
    new = _from_script(finding.get("command")) if package_script(argv or []) else _exec_form(target.args)
    if new is None:
        return None
    return ctx.fix(EXEC_FIX, Applicability.UNSAFE, ctx.replace(finding.span, f"{target.keyword} {new}"))


INIT_FIX = "Run the service with `init: true` (an init process forwards the signal)"
EXEC_FIX = "Rewrite to exec form"


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
