"""Facts of container start commands, for SIG002: the final Dockerfile stage's command when a
shell or a package manager (`npm start`) runs the server (neither forwards SIGTERM), Python run as
PID 1, and compose services that wrap their command in `sh -c` without `init: true`."""

from __future__ import annotations

import json
import os
import re
import shlex
from collections.abc import Iterator

from prodlint.api import COMPOSE, DOCKERFILE, Fact, FileContext
from prodlint.lineformats import dockerfile_instructions

TARGETS = (DOCKERFILE, COMPOSE)
RUNTIME = True  # describes the running app: not run on tests, scripts, examples (the engine skips them)

INIT = re.compile(r"\b(tini|dumb-init|catatonit|s6-overlay|supervisord|pm2-runtime)\b")
PACKAGE_MANAGERS = {"npm", "yarn", "pnpm", "bun"}


# Python servers that handle SIGTERM themselves (or are not servers).
PY_HANDLES_SIGTERM = re.compile(r"\b(gunicorn|uvicorn|hypercorn|daphne|granian|waitress|celery|rq|dramatiq|"
                                r"huey|alembic|pytest|pip|manage\.py\s+(migrate|collectstatic))\b")
_SHELL_WRAPPED = re.compile(r"^\s*(command|entrypoint)\s*:\s*(\[\s*)?[\"']?(/bin/)?(ba)?sh[\"']?\s*,?\s*[\"']?-c\b")
_DEV_COMPOSE = re.compile(r"(dev|local|test|override|ci)", re.I)


def facts(ctx: FileContext) -> Iterator[Fact]:
    """`container_command` (a final-stage command run by a shell or a package manager), `python_pid1`
    (Python as PID 1 without a server that handles SIGTERM), `compose_shell` (`command: sh -c`)."""
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
    exec_form, argv = argv_of(target.args)
    if argv is None:
        return
    if exec_form and argv and re.match(r"^(/usr/(local/)?bin/)?python[\d.]*$", argv[0]) \
            and not PY_HANDLES_SIGTERM.search(" ".join(argv)):
        yield ctx.fact("python_pid1", ctx.span_of(target.start, target.end), target.keyword, args=target.args)
        return
    if exec_form and (not argv or argv[0] not in PACKAGE_MANAGERS):
        return
    if not exec_form and target.args.startswith("exec "):
        return
    script = package_script(argv)
    yield ctx.fact("container_command", ctx.span_of(target.start, target.end), target.keyword, shell=not exec_form,
                   args=target.args, script=script or "", argv=tuple(argv))


def _compose_facts(ctx: FileContext) -> Iterator[Fact]:
    """`command: sh -c "…"` of a compose service without `init: true`: the shell is PID 1."""
    if _DEV_COMPOSE.search(os.path.basename(ctx.path)) or b"-c" not in ctx.source:
        return  # (every shell-wrapped command line holds "-c")
    lines = ctx.lines()
    offsets: list[int] = []
    for row, line in enumerate(lines):
        if not shell_wrapped(line):
            continue
        if not offsets:  # the lines' byte offsets, worked out for a file with a shell-wrapped line
            at = 0
            for each in lines:
                offsets.append(at)
                at += len(each.encode()) + 1
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
        yield ctx.fact("compose_shell", ctx.span_of(start, offsets[row] + len(line.rstrip().encode())),
                       line.strip().split(":")[0])


def shell_wrapped(line: str) -> bool:
    """A compose `command:`/`entrypoint:` line that runs the service under `sh -c` (not `exec`)."""
    return bool(_SHELL_WRAPPED.match(line)) and not re.search(r"-c\s*[\"',]*\s*[\"']?exec\s", line)


def argv_of(args: str) -> tuple[bool, list[str] | None]:
    if args.startswith("["):
        try:
            value = json.loads(args)
        except (ValueError, RecursionError):  # not JSON, or nested too deeply to be an argv
            return True, None
        return True, [str(v) for v in value] if isinstance(value, list) else None
    try:
        return False, shlex.split(args)
    except ValueError:
        return False, None


def package_script(argv: list[str]) -> str | None:
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
