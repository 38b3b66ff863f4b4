"""Facts of env files and .gitignore files: which `.gitignore` rules each directory holds, which
env templates the project commits, and which real env files hold a secret (with whether git
ignores them through rules above the project). SEC003 judges gitignore coverage from these."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator

from prodlint.api import DOTENV, GITIGNORE, Fact, FileContext
from prodlint.lineformats import dotenv_entries
from prodlint_rules._secrets import find_credential_url, find_secret_token, is_placeholder, is_secret_env_name

TARGETS = (DOTENV, GITIGNORE)

TEMPLATE = re.compile(r"^\.env\.(example|sample|template|dist|defaults?|schema|tpl)$|\.(example|sample|template)$",
                      re.I)
REAL_ENV = re.compile(r"^\.env(\.(local|production|prod|staging|stage|live)|\.[\w-]+\.local)?$", re.I)


def facts(ctx: FileContext) -> Iterator[Fact]:
    """`gitignore` (a directory's rules), `dotenv_template` (`.env.example` …) and `dotenv_file`
    (a real env file holding a secret)."""
    base = os.path.basename(ctx.path)
    if ctx.language == GITIGNORE:
        directory = posixpath.dirname(ctx.relpath)
        yield ctx.fact("gitignore", None, directory, lines=tuple(line.rstrip("\r") for line in ctx.lines()))
        return
    if TEMPLATE.search(base):
        yield ctx.fact("dotenv_template", None, base)
        return
    if not REAL_ENV.match(base):
        return  # `.env.test`, `.env.development`, `.env.ci`: committed on purpose by many frameworks
    secret = first_secret(ctx.lines())
    if secret is None:
        return
    yield ctx.fact("dotenv_file", ctx.line_span(0), ctx.relpath, ignored=ctx.role.git_ignored, secret=secret)


def first_secret(lines: list[str]) -> str | None:
    """The name of the first variable of an env file that holds a secret value."""
    for entry in dotenv_entries(lines):
        if entry.raw in ("", '""', "''"):
            continue
        name, value = entry.name, re.sub(r"\s+#.*$", "", entry.raw).strip("\"'")
        if not value or is_placeholder(value):
            continue  # `SECRET_KEY=changethis`: a committed template with nothing to leak yet
        if is_secret_env_name(name) or find_secret_token(value) or find_credential_url(value):
            return name
    return None
