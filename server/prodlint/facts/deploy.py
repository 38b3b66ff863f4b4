"""Facts of deployment files: that the project ships a Dockerfile, a Procfile or a compose file
(the app runs as a long-lived server somewhere, so it needs health checks and graceful shutdown),
and how they start a Python app: under a production server (gunicorn, uwsgi, …) or with
`python app.py` / `flask run` (the framework's development server)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from prodlint.api import COMPOSE, DOCKERFILE, PROCFILE, Fact, FileContext
from prodlint.lineformats import dockerfile_instructions

TARGETS = (DOCKERFILE, PROCFILE, COMPOSE)
RUNTIME = True  # describes the running app: not run on tests, scripts, examples (the engine skips them)

PYTHON_SERVERS = re.compile(r"(?<![\w.-])(gunicorn|uwsgi|uwsgi_python3?|waitress-serve|hypercorn|uvicorn|daphne|"
                            r"granian|bjoern|meinheld|mod_wsgi-express|gunicorn\.app\.wsgiapp)(?![\w-])")
PYTHON_SCRIPT = re.compile(r"(?<![\w.-])(python[\d.]*|py)\s+(-u\s+)?(-m\s+)?[\w./-]+|(?<![\w.-])flask\s+run\b")
_NON_APP = re.compile(r"\b(manage\.py\s+(migrate|collectstatic|createsuperuser|shell)|alembic|pytest|pip|celery|rq)\b")
_EXEC_ITEM = re.compile(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'')
_COMPOSE_COMMAND = re.compile(r"^\s*(command|entrypoint)\s*:\s*(?P<cmd>.+)$")


def facts(ctx: FileContext) -> Iterator[Fact]:
    """`deploy_file` with `commands` (what the file starts), `python_server` (gunicorn, uwsgi, …;
    "" when none) and `python_script` (`python app.py`, `flask run`; "" when none)."""
    if ctx.role.non_production:
        return
    commands = tuple(_commands(ctx))
    server = next((m.group(1) for c in commands for m in [PYTHON_SERVERS.search(c)] if m), "")
    script = next((m.group(0) for c in commands for m in [PYTHON_SCRIPT.search(c)] if m and not _NON_APP.search(c)),
                  "")
    yield ctx.fact("deploy_file", None, ctx.language, name=os.path.basename(ctx.path), commands=commands,
                   python_server=server.split(".")[0], python_script=script)


def _commands(ctx: FileContext) -> Iterator[str]:
    """The commands the file starts: the last stage's ENTRYPOINT + CMD (of the last stage that has
    one), a Procfile's `web` processes, a compose file's `command:`/`entrypoint:` values."""
    if ctx.language == DOCKERFILE:
        runs = [i for i in dockerfile_instructions(ctx) if i.keyword in ("CMD", "ENTRYPOINT")]
        if not runs:
            return
        stage = runs[-1].stage  # the final stage's, or those it most likely inherits (`FROM builder AS dev`)
        entrypoint = next((_unjson(i.args) for i in reversed(runs) if i.stage == stage and i.keyword == "ENTRYPOINT"), "")
        cmd = next((_unjson(i.args) for i in reversed(runs) if i.stage == stage and i.keyword == "CMD"), "")
        yield f"{entrypoint} {cmd}".strip()
    elif ctx.language == PROCFILE:
        for line in ctx.lines():
            role, sep, command = line.partition(":")
            if sep and not line.lstrip().startswith("#") and role.strip() in ("web", "app", "server", "api"):
                yield command.strip()
    elif b"command" in ctx.source or b"entrypoint" in ctx.source:  # what a match of the pattern holds
        for line in ctx.lines():
            m = _COMPOSE_COMMAND.match(line)
            if m:
                yield _unjson(m.group("cmd").strip())


def _unjson(args: str) -> str:
    """An exec-form `["gunicorn", "-b", "0.0.0.0"]` as the command line it runs."""
    if args.startswith("["):
        return " ".join(a or b for a, b in _EXEC_ITEM.findall(args))
    return args
