"""
## What it does
Flags schema pushes and migration *generation* in what runs on deploy: `prisma db push`,
`prisma migrate dev`/`reset`, `drizzle-kit push`, `typeorm schema:sync`, `sequelize db:sync`,
`manage.py makemigrations`, `alembic revision --autogenerate` and `flask db migrate` in a
package.json script that runs on deploy (`start`, `build`, `deploy`, `release`, `postinstall`,
their `pre`/`post` hooks, `vercel-build`, `heroku-postbuild`, and the scripts those run with
`npm run`), in a Dockerfile, a Procfile, a compose `command:`, or an entry shell script
(`entrypoint.sh`, `start.sh`, `deploy.sh`, …). The finding points at the command itself.

Scripts for development (`dev`, `start:dev`, `db:push`) and compose files for development
(`docker-compose.dev.yml`) are left alone.

## Why is this bad?
`db push` makes the production schema match whatever the code says *now*, with no migration
history: a renamed field becomes a dropped column (Prisma asks first, except with
`--accept-data-loss`, which deploy scripts add because nobody can answer). Generating migrations
at deploy time (`makemigrations`, `--autogenerate`) produces migrations nobody reviewed, different
on every instance, that are never committed.

## Example
```json
"scripts": { "build": "prisma generate && prisma db push --accept-data-loss && next build" }
```

Use instead:
```json
"scripts": { "build": "prisma generate && prisma migrate deploy && next build" }
```

## Fix safety
The fix rewrites only that command and keeps the rest of the line: `prisma migrate deploy`
(keeping `--schema`), `drizzle-kit migrate`, `typeorm migration:run`, `sequelize db:migrate`,
`manage.py migrate`, `alembic upgrade head`, `flask db upgrade`; a generation step next to its
apply step (`makemigrations && migrate`) is removed. It is unsafe: it needs committed migrations
(see MIG004), which you create once with `prisma migrate dev`, `manage.py makemigrations`, … and
commit.

## References
- [Prisma: db push vs. migrate](https://www.prisma.io/docs/orm/prisma-migrate/workflows/prototyping-your-schema)
- [Prisma: deploying database changes](https://www.prisma.io/docs/orm/prisma-client/deployment/deploy-database-changes-with-prisma-migrate)
- [Django: migrations workflow](https://docs.djangoproject.com/en/stable/topics/migrations/#workflow)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

import tree_sitter as ts

from prodlint.api import (
    COMPOSE, DOCKERFILE, JSON, PROCFILE, Applicability, FileContext, FileRole, Finding, Rule, Scope, Severity,
)
from prodlint.languages import SHELL

RULE = Rule(
    code="MIG002",
    name="schema-push-in-deploy",
    category="8",
    scope=Scope.FILE,
    targets=frozenset({JSON, DOCKERFILE, PROCFILE, COMPOSE, SHELL}),
    severity=Severity.WARNING,
    fix="run the committed migrations instead (`prisma migrate deploy`, `manage.py migrate`, …)",
    runtime=False,  # deploy scripts often live in scripts/; tests are skipped below
)

QUERY = {JSON: """
((pair key: (string (string_content) @section)
       value: (object (pair key: (string (string_content) @name)
                            value: (string (string_content) @command)) @script))
 (#eq? @section "scripts"))
"""}


@dataclass(frozen=True)
class Push:
    """A schema command that must not run on deploy, and what runs instead."""

    pattern: re.Pattern[str]
    replacement: str
    apply_step: re.Pattern[str] | None  # when this is also in the command, the step is dropped
    what: str


_DATA_LOSS = re.compile(r"--accept-data-loss|--force-reset|\bmigrate\s+reset\b")
_PUSHES = (
    Push(re.compile(r"\bprisma\s+db\s+push\b(?P<flags>(?:\s+--?[\w-]+(?:[= ](?![&|;#-])[^\s&|;#]+)?)*)"),
         "prisma migrate deploy", None,
         "`prisma db push` syncs the production schema without migrations"),
    Push(re.compile(r"\bprisma\s+migrate\s+(?:dev|reset)\b(?P<flags>(?:\s+--?[\w-]+(?:[= ](?![&|;#-])[^\s&|;#]+)?)*)"),
         "prisma migrate deploy", re.compile(r"\bprisma\s+migrate\s+deploy\b"),
         "`prisma migrate dev`/`reset` is a development command (it can reset the database)"),
    Push(re.compile(r"\bdrizzle-kit\s+push(?::\w+)?\b"), "drizzle-kit migrate", re.compile(r"\bdrizzle-kit\s+migrate\b"),
         "`drizzle-kit push` syncs the production schema without migrations"),
    Push(re.compile(r"\b(?P<bin>typeorm(?:-ts-node-(?:commonjs|esm))?)\s+schema:sync\b"), "{bin} migration:run",
         re.compile(r"\bmigration:run\b"), "`typeorm schema:sync` syncs the production schema without migrations"),
    Push(re.compile(r"\bsequelize(?:-cli)?\s+db:sync\b"), "sequelize db:migrate", re.compile(r"\bdb:migrate\b"),
         "`sequelize db:sync` syncs the production schema without migrations"),
    Push(re.compile(r"\bmanage\.py\s+makemigrations\b(?P<flags>(?:\s+(?![&|;#])[^\s&|;#]+)*)"), "manage.py migrate",
         re.compile(r"\bmanage\.py\s+migrate\b"),
         "`manage.py makemigrations` generates unreviewed migrations at deploy time"),
    Push(re.compile(r"\balembic\s+revision\b[^&|;\n]*--autogenerate\b(?P<flags>[^&|;#\n\"']*)"), "alembic upgrade head",
         re.compile(r"\balembic\s+upgrade\b"),
         "`alembic revision --autogenerate` generates unreviewed migrations at deploy time"),
    Push(re.compile(r"\bflask\s+db\s+migrate\b(?P<flags>[^&|;#\n\"']*)"), "flask db upgrade",
         re.compile(r"\bflask\s+db\s+upgrade\b"),
         "`flask db migrate` generates unreviewed migrations at deploy time"),
)
_QUICK = re.compile(rb"db\s+push|migrate\s+(dev|reset)|drizzle-kit|schema:sync|db:sync|makemigrations|autogenerate|"
                    rb"flask\s+db\s+migrate")
_DEPLOY_SCRIPT = re.compile(r"^(pre|post)?(start|build|deploy|release|install|serve|prod|production)"
                            r"([:_-](prod|production|deploy|ci|server|app|all))?$|"
                            r"^(vercel-build|heroku-postbuild|heroku-prebuild|render-build|netlify-build|"
                            r"railway-build|cf-build|now-build|gcp-build)$")
_DEV_NAME = re.compile(r"dev|local|test|watch|seed|example|sample", re.I)
_ENTRY_SCRIPT = re.compile(r"(entry|start|run|boot|deploy|release|launch|init|build|docker|prod|migrate|serve|"
                           r"render|heroku|railway|fly)[^/]*\.sh$", re.I)
_RUNS_SCRIPT = re.compile(r"\b(?:npm|pnpm|bun)\s+(?:run(?:-script)?\s+)?(?P<a>[\w:.-]+)|\byarn\s+(?:run\s+)?(?P<b>[\w:.-]+)")
_SEGMENT_SPLIT = re.compile(r"\s*(?:&&|\|\||;|\n)\s*")


def may_apply(language: str, relpath: str, source: bytes, role: FileRole) -> bool:
    """False only for a JSON file `check` never reads: any but a `package.json` outside tests."""
    return language != JSON or (os.path.basename(relpath) == "package.json" and not role.test)


def check(ctx: FileContext) -> Iterator[Finding]:
    if ctx.role.test:
        return
    name = os.path.basename(ctx.path)
    if ctx.language == JSON and name != "package.json" or ctx.language == SHELL and not _ENTRY_SCRIPT.search(name) \
            or ctx.language == COMPOSE and _DEV_NAME.search(name):
        return  # files never read, asked before the search of their bytes
    if not _QUICK.search(ctx.source):
        return
    if ctx.language == JSON:
        yield from _check_package_json(ctx)
        return
    for start, end in _command_regions(ctx):
        yield from _check_command(ctx, start, end)


def _check_package_json(ctx: FileContext) -> Iterator[Finding]:
    scripts: dict[str, ts.Node] = {}
    for _, caps in ctx.matches:
        scripts[ctx.text_of(caps["name"][0])] = caps["command"][0]
    for name in sorted(_deploy_scripts(ctx, scripts)):
        node = scripts[name]
        yield from _check_command(ctx, node.start_byte, node.end_byte, script=name)


def _deploy_scripts(ctx: FileContext, scripts: dict[str, ts.Node]) -> set[str]:
    """Scripts that run on deploy, and the scripts they run with `npm run` (transitively)."""
    todo = [n for n in scripts if _DEPLOY_SCRIPT.match(n) and not _DEV_NAME.search(n)]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for m in _RUNS_SCRIPT.finditer(ctx.text_of(scripts[name])):
            target = m.group("a") or m.group("b")
            if target in scripts and not _DEV_NAME.search(target):
                todo.append(target)
            elif "pre" + (target or "") in scripts:
                todo.append("pre" + target)
    return seen


def _command_regions(ctx: FileContext) -> Iterator[tuple[int, int]]:
    """Byte ranges of the lines that run commands (Dockerfile RUN/CMD/ENTRYPOINT, Procfile
    processes, compose `command:`/`entrypoint:` and their continuation lines, shell lines)."""
    offset = 0
    in_compose_command = False
    for raw in ctx.source.split(b"\n"):
        start, end = offset, offset + len(raw.rstrip(b"\r"))
        offset += len(raw) + 1
        line = raw.strip()
        if not line or line.startswith(b"#"):
            continue
        if ctx.language == COMPOSE:
            if re.match(rb"(- )?(command|entrypoint)\s*:", line):
                in_compose_command = True
                yield start, end
                continue
            indent = len(raw) - len(raw.lstrip())
            if in_compose_command and (line.startswith(b"- ") or b":" not in line.split(b" ")[0]) and indent > 4:
                yield start, end
                continue
            in_compose_command = False
            continue
        yield start, end


def _check_command(ctx: FileContext, start: int, end: int, script: str | None = None) -> Iterator[Finding]:
    text = ctx.source[start:end].decode("utf-8", "replace")
    if len(text.encode()) != end - start:
        return
    for push in _PUSHES:
        for m in push.pattern.finditer(text):
            if not _quoted_or_commented(text, m.start()):
                yield _finding(ctx, push, text, start, m, script)


def _quoted_or_commented(text: str, i: int) -> bool:
    """The command is only mentioned: in an `echo`/`printf` message or after a `#` comment."""
    joins = [j.end() for j in _SEGMENT_SPLIT.finditer(text) if j.end() <= i]
    step = text[joins[-1] if joins else 0:i]
    return bool(re.search(r"(^|\s)(echo|printf)\s|(^|\s)#", step))


def _finding(ctx: FileContext, push: Push, text: str, base: int, m: re.Match[str], script: str | None) -> Finding:
    where = f"the `{script}` script" if script else {
        DOCKERFILE: "the Dockerfile", PROCFILE: "the Procfile", COMPOSE: "the compose command",
        SHELL: "this deploy script"}.get(ctx.language, "this file")
    data_loss = bool(_DATA_LOSS.search(m.group(0)))
    message = f"{push.what}, and {where} runs it on every deploy"
    if data_loss:
        message += "; with data loss accepted"
    message += ": use committed migrations"
    edit = _rewrite(ctx, push, text, base, m)
    fixes = [ctx.fix(f"Run the committed migrations instead ({_replacement_of(push, m)})", Applicability.UNSAFE, edit)] \
        if edit is not None else []
    span = ctx.span_of(base + len(text[:m.start()].encode()), base + len(text[:m.end()].encode()))
    return ctx.finding(span, message, fixes, severity=Severity.ERROR if data_loss else None)


def _replacement_of(push: Push, m: re.Match[str]) -> str:
    replacement = push.replacement.format(bin=m.groupdict().get("bin") or "typeorm")
    schema = re.search(r"--schema[= ]\S+", m.group(0))
    if schema and replacement.startswith("prisma"):
        replacement += " " + schema.group(0)
    return replacement


def _rewrite(ctx: FileContext, push: Push, text: str, base: int, m: re.Match[str]):
    def at(i: int) -> int:
        return base + len(text[:i].encode())

    if push.apply_step is not None and push.apply_step.search(text[m.end():] + " " + text[:m.start()]):
        # The apply step is already there: drop this step and the joiner after (or before) it.
        seg_start = _segment_start(text, m.start())
        after = _SEGMENT_SPLIT.match(text, _segment_end(text, m.end()))
        if after and after.end() < len(text):
            return ctx.replace(ctx.span_of(at(seg_start), at(after.end())), "")
        before = [j for j in _SEGMENT_SPLIT.finditer(text) if j.end() <= seg_start]
        if before:
            return ctx.replace(ctx.span_of(at(before[-1].start()), at(_segment_end(text, m.end()))), "")
        return None
    return ctx.replace(ctx.span_of(at(m.start()), at(m.end())), _replacement_of(push, m))


_LINE_PREFIX = re.compile(r"^\s*(?:(?:RUN|CMD|ENTRYPOINT)\s+|[\w.-]+:\s*|-\s*(?:command|entrypoint)\s*:\s*)", re.I)


def _segment_start(text: str, i: int) -> int:
    """Where the shell step holding offset `i` starts: after `&&`/`;`, an opening quote, or the
    instruction (`RUN `, `web: `, `command: `), whichever is last."""
    joins = [j.end() for j in _SEGMENT_SPLIT.finditer(text) if j.end() <= i]
    prefix = _LINE_PREFIX.match(text)
    quote = max(text.rfind('"', 0, i), text.rfind("'", 0, i))
    start = max(joins[-1] if joins else 0, prefix.end() if prefix else 0, quote + 1)
    while start < i and text[start] in " \t[\"'":
        start += 1
    return start


def _segment_end(text: str, i: int) -> int:
    j = _SEGMENT_SPLIT.search(text, i)
    return j.start() if j else len(text.rstrip("\"']"))
