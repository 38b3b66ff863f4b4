"""Facts of development modes that production may run, for CFG001 and CFG002: a Flask app's
`app.run()` (with whether it passes `debug=True`), Django's `DEBUG = …` in a settings module,
`ENV FLASK_DEBUG=1` in a Dockerfile, `flask run` in a deployment file, and the files that show a
WSGI server serves the app (`wsgi.py`, a gunicorn config)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from prodlint.api import COMPOSE, DOCKERFILE, PROCFILE, PYTHON, Fact, FileContext
from prodlint.appmodel import in_dev_guard, py_flask_app
from prodlint.lineformats import dockerfile_instructions

TARGETS = (PYTHON, DOCKERFILE, PROCFILE, COMPOSE)
RUNTIME = True  # describes the running app: not run on tests, scripts, examples (the engine skips them)

QUERY = {PYTHON: """
((call function: (attribute object: (identifier) @obj attribute: (identifier) @method)) @call
 (#eq? @method "run"))
((module (expression_statement (assignment left: (identifier) @name right: (_) @setting)))
 (#eq? @name "DEBUG"))
"""}

WSGI_FILES = {"wsgi.py", "asgi.py", "gunicorn.conf.py", "gunicorn_config.py", "gunicorn.config.py", "gunicorn_conf.py"}
_DEV_NAME = re.compile(r"(^|[._-])(dev|develop|development|local|test|tests|testing|ci)([._-]|$)", re.I)
_DOCKER_DEBUG = re.compile(r"^(FLASK_DEBUG|DJANGO_DEBUG)(=|\s+)[\"']?(1|true|True|on)[\"']?$")
_FLASK_RUN = re.compile(r"(?<![\w.-])(?:python[\d.]*\s+(?:-u\s+)?-m\s+)?flask\s+(?:--app[= ]\S+\s+|-A\s+\S+\s+)?"
                        r"(?:--debug\s+)?run\b")
_DEV_COMPOSE = re.compile(r"(dev|local|test|override|ci)", re.I)


def facts(ctx: FileContext) -> Iterator[Fact]:
    """`flask_run`, `django_debug`, `wsgi_entry` (Python); `debug_env` (Dockerfile);
    `flask_run_command` (Dockerfile, Procfile, compose)."""
    if ctx.role.non_production:
        return
    if ctx.language != PYTHON:
        for start, end in _flask_run_lines(ctx):
            yield ctx.fact("flask_run_command", ctx.span_of(start, end), os.path.basename(ctx.path))
        if ctx.language == DOCKERFILE:
            yield from _dockerfile(ctx)
        return
    if ctx.tree is None:
        return
    if os.path.basename(ctx.path) in WSGI_FILES:
        yield ctx.fact("wsgi_entry", None, os.path.basename(ctx.path))
    for _, caps in ctx.matches:
        if "call" in caps:
            yield from _run(ctx, caps["call"][0], ctx.text_of(caps["obj"][0]))
        else:
            yield from _setting(ctx, caps["setting"][0])


def debug_argument(call):
    """The `True` of a `debug=True` argument of a call, or None."""
    args = call.child_by_field_name("arguments")
    for arg in args.named_children if args is not None else ():
        if arg.type == "keyword_argument":
            name, value = arg.child_by_field_name("name"), arg.child_by_field_name("value")
            if name is not None and name.text == b"debug" and value is not None and value.type == "true":
                return value
    return None


def _run(ctx: FileContext, call, name: str) -> Iterator[Fact]:
    flask, certain = py_flask_app(ctx, name)
    if flask and not in_dev_guard(ctx, call):
        yield ctx.fact("flask_run", call, "flask", app=name, certain=certain, debug=debug_argument(call) is not None)


def _setting(ctx: FileContext, value) -> Iterator[Fact]:
    """Django settings: `DEBUG = True` (a candidate) or any other `DEBUG = …` (an override that
    makes the settings package choose debug mode from elsewhere)."""
    base = os.path.basename(ctx.path)
    folder = os.path.basename(os.path.dirname(ctx.path))
    if not (base == "settings.py" or folder == "settings") or _DEV_NAME.search(base.removesuffix(".py")):
        return
    if "django" not in ctx.text and folder != "settings":
        return
    yield ctx.fact("django_debug", value.parent, "DEBUG", on=value.type == "true", package=folder == "settings")


def _dockerfile(ctx: FileContext) -> Iterator[Fact]:
    if _DEV_NAME.search(os.path.basename(ctx.path)):
        return
    instructions = dockerfile_instructions(ctx)
    final = max((i.stage for i in instructions), default=0)
    for i in instructions:
        if i.stage != final or i.keyword != "ENV" or not _DOCKER_DEBUG.match(i.args):
            continue
        yield ctx.fact("debug_env", ctx.span_of(i.start, i.end), re.split(r"[=\s]", i.args)[0] + "=" +
                       re.split(r"[=\s]+", i.args)[1].strip("\"'"))


def _flask_run_lines(ctx: FileContext) -> Iterator[tuple[int, int]]:
    """Byte ranges of the commands that start `flask run` in a deployment file: the final
    Dockerfile stage's CMD/ENTRYPOINT, a Procfile's web process, a compose `command:`."""
    if b"flask" not in ctx.source:
        return  # every match of `_FLASK_RUN` holds "flask"
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
