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
    COMPOSE, DOCKERFILE, Applicability, Fact, FileContext, Finding, Fix, ProjectContext, Rule, Scope, Severity,
    TextEdit,
)
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

CANDIDATE = "SIG002.command"
INIT = re.compile(r"\b(tini|dumb-init|catatonit|s6-overlay|supervisord|pm2-runtime)\b")
SHELL_SYNTAX = re.compile(r"&&|\|\||[;|<>`*?]|\$\(")
PACKAGE_MANAGERS = {"npm", "yarn", "pnpm", "bun"}


COMPOSE_SHELL = "SIG002.compose_shell"
PYTHON_PID1 = "SIG002.python_pid1"
# Python servers that handle SIGTERM themselves (or are not servers).
PY_HANDLES_SIGTERM = re.compile(r"\b(gunicorn|uvicorn|hypercorn|daphne|granian|waitress|celery|rq|dramatiq|"
                                r"huey|alembic|pytest|pip|manage\.py\s+(migrate|collectstatic))\b")
_SHELL_WRAPPED = re.compile(r"^\s*(command|entrypoint)\s*:\s*(\[\s*)?[\"']?(/bin/)?(ba)?sh[\"']?\s*,?\s*[\"']?-c\b")
_DEV_COMPOSE = re.compile(r"(dev|local|test|override|ci)", re.I)


def facts(ctx: FileContext) -> Iterator[Fact]:
    if ctx.role.non_production:
        return
    if ctx.language == COMPOSE:
        yield from _compose_facts(ctx)
        return
    instructions = dockerfile_instructions(ctx)
    if not instructions or any(INIT.search(i.args) for i in instructions if i.keyword in ("RUN", "ENTRYPOINT", "CMD")):
        return
    final = max(i.stage for i in instructions)
    stage = [i for i in instructions if i.stage == final]
    entry = [i for i in stage if i.keyword == "ENTRYPOINT"]
    cmds = [i for i in stage if i.keyword == "CMD"]
    target = entry[-1] if entry else (cmds[-1] if cmds else None)
    if target is None:
        return
    exec_form, argv = _argv(target.args)
    if argv is None:
        return
    if exec_form and argv and re.match(r"^(/usr/(local/)?bin/)?python[\d.]*$", argv[0]) \
            and not PY_HANDLES_SIGTERM.search(" ".join(argv)):
        yield ctx.fact(PYTHON_PID1, ctx.span_of(target.start, target.end), target.keyword, args=target.args)
        return
    if exec_form and (not argv or argv[0] not in PACKAGE_MANAGERS):
        return
    if not exec_form and target.args.startswith("exec "):
        return
    script = _script(argv)
    yield ctx.fact(CANDIDATE, ctx.span_of(target.start, target.end), target.keyword, shell=not exec_form,
                   args=target.args, script=script or "", argv=tuple(argv))


def _compose_facts(ctx: FileContext) -> Iterator[Fact]:
    """`command: sh -c "…"` of a compose service without `init: true`: the shell is PID 1."""
    import os

    if _DEV_COMPOSE.search(os.path.basename(ctx.path)):
        return
    lines = ctx.lines()
    offsets, at = [], 0
    for line in lines:
        offsets.append(at)
        at += len(line.encode()) + 1
    for row, line in enumerate(lines):
        if not _SHELL_WRAPPED.match(line) or re.search(r"-c\s*[\"',]*\s*[\"']?exec\s", line):
            continue
        indent = len(line) - len(line.lstrip(" "))
        block_start = row
        while block_start > 0 and (not lines[block_start - 1].strip()
                                   or len(lines[block_start - 1]) - len(lines[block_start - 1].lstrip(" ")) >= indent):
            block_start -= 1
        block_end = row
        while block_end + 1 < len(lines) and (not lines[block_end + 1].strip()
                                              or len(lines[block_end + 1]) - len(lines[block_end + 1].lstrip(" ")) >= indent):
            block_end += 1
        service = lines[block_start:block_end + 1]
        if any(re.match(r"^\s*init\s*:\s*true\b", s) for s in service):
            continue
        start = offsets[row] + indent
        yield ctx.fact(COMPOSE_SHELL, ctx.span_of(start, offsets[row] + len(line.rstrip().encode())),
                       line.strip().split(":")[0], indent=" " * indent, line_start=offsets[row], newline=ctx.newline)


def check_project(project: ProjectContext) -> Iterator[Finding]:
    for cand in project.facts(COMPOSE_SHELL):
        fix = Fix("Run the service with `init: true` (an init process forwards the signal)", Applicability.UNSAFE,
                  (TextEdit(cand.path, cand.get("line_start"), cand.get("line_start"),
                            f"{cand.get('indent')}init: true{cand.get('newline')}"),))
        yield project.finding(cand, f"`{cand.value}: sh -c …` makes the shell PID 1 of the container: SIGTERM never "
                                    f"reaches the app, so every stop waits for the kill", [fix])
    handled = any(f.value == "SIGTERM" for f in project.facts("signal_handler")) or \
        any(f.value in ("uvicorn", "hypercorn", "aiohttp", "sanic", "tornado") for f in project.facts("listen")) or \
        any(f.get("python_server") for f in project.facts("deploy_file"))  # compose/Procfile run a real server
    for cand in project.facts(PYTHON_PID1):
        if handled:
            continue
        yield project.finding(cand, f"`{cand.value} {_short(cand.get('args'))}` runs Python as PID 1 with no SIGTERM "
                                    f"handler: PID 1 ignores the signal unless it handles it, so every stop waits for "
                                    f"the kill", [Fix("Run it under tini (`ENTRYPOINT [\"tini\", \"--\"]`) or "
                                                      "`docker run --init`, or handle SIGTERM", Applicability.DISPLAY, ())])
    scripts = {f.value: f.get("command") for f in project.facts("script")}
    for cand in project.facts(CANDIDATE):
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


def _argv(args: str) -> tuple[bool, list[str] | None]:
    if args.startswith("["):
        try:
            value = json.loads(args)
        except ValueError:
            return True, None
        return True, [str(v) for v in value] if isinstance(value, list) else None
    try:
        return False, shlex.split(args)
    except ValueError:
        return False, None


def _script(argv: list[str]) -> str | None:
    """The package.json script an `npm start` / `npm run x` / `yarn x` command runs."""
    if not argv or argv[0] not in PACKAGE_MANAGERS:
        return None
    rest = [a for a in argv[1:] if not a.startswith("-")]
    if not rest:
        return "start" if argv[0] == "yarn" else None
    if rest[0] in ("run", "run-script") and len(rest) > 1:
        return rest[1]
    if rest[0] in ("start", "serve", "dev", "prod", "production"):
        return rest[0]
    return rest[0] if argv[0] in ("yarn", "pnpm", "bun") else None


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
