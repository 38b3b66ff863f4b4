"""
## What it does
Flags a server app that reads required environment variables (`process.env.X` or
`os.getenv("X")` without a fallback) but never checks at startup that they are set. Any check
that stops the app on a missing variable counts: `if (!process.env.X) throw …`, a loop over
names that exits, envalid `cleanEnv`, `@t3-oss/env` `createEnv`, a zod schema parsing
`process.env`, env-var, dotenv-safe, pydantic `BaseSettings`, environs, python-decouple and
django-environ (which raise on a missing variable), or Python's `os.environ["X"]` at module level
(which raises at import). The diagnostic sits on the app's entry point (`app.listen(…)`,
`Flask(__name__)`, `FastAPI()`), on `INSTALLED_APPS` in a Django settings module (imported by
manage.py, wsgi and asgi before anything runs), or on the export of a Next.js app's
`next.config.*` (loaded by `next build` and `next start` before any route; reads in route
handlers, API routes, server actions and `lib/` count, the config's own build switches do
not). Reads in tests, scripts and browser code, and variables the platform sets (`NODE_ENV`,
`PORT`, `CI`, …) are not counted.

## Why is this bad?
A missing variable does not stop the app: `process.env.DATABASE_URL` is `undefined`, the server
starts, the health check passes, and the first request that needs the database fails with an
error far from its cause, sometimes hours after the deploy. Checked at startup, the deploy fails
at once and says which variable is missing.

## Example
```js
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
app.listen(process.env.PORT || 3000);
```

Use instead:
```js
function validateEnv(names) {
  const missing = names.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(`Missing required environment variables: ${missing.join(", ")}`);
  }
}

validateEnv(["STRIPE_SECRET_KEY"]);
```

## Fix safety
The fix (also offered as a source action) inserts one `validateEnv([...])` (JavaScript /
TypeScript) or `_require_env(...)` (Python) call after the entry point's imports, listing every
variable the project reads without a fallback (sorted, once each), and adds each to
`.env.example`. It is unsafe: an environment that lacks one of them no longer starts, which is
the point; review the list, since a variable that is truly optional should get a fallback
instead. In `next.config.*` the check also runs at `next build`: a build that has no runtime
secrets (a Docker image built without them) needs them passed in, or the check moved to
`instrumentation.ts`.

## References
- [The Twelve-Factor App: Config](https://12factor.net/config)
- [envalid](https://github.com/af/envalid) · [pydantic-settings](https://docs.pydantic.dev/latest/concepts/pydantic_settings/)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.api import (
    JAVASCRIPT, JS_LIKE, PYTHON, TSX, TYPESCRIPT, Applicability, Fact, FileContext, Finding, Fix, ProjectContext,
    Rule, Scope, Severity,
)
from prodlint.syntax import indent_unit, quote_style, uses_semicolons
from prodlint_rules._env_validation import insertion_point, snippet

RULE = Rule(
    code="SEC004",
    name="env-not-validated",
    category="1",
    scope=Scope.PROJECT,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.INFO,
    fix="generate a startup check of every env var the project reads, and .env.example",
)

# Set by the platform or the toolchain, or conventionally optional.
PLATFORM = re.compile(
    r"^(NODE_ENV|PORT|HOST|HOSTNAME|CI|DEBUG|TZ|HOME|PATH|PWD|USER|SHELL|TERM|LANG|LOG_LEVEL|NODE_OPTIONS|"
    r"npm_\w+|VERCEL\w*|NETLIFY\w*|RENDER\w*|RAILWAY\w*|FLY_\w+|HEROKU\w*|K_SERVICE|K_REVISION|AWS_LAMBDA\w*|"
    r"AWS_REGION|AWS_EXECUTION_ENV|LAMBDA_TASK_ROOT|GITHUB_\w+|NEXT_RUNTIME|NEXT_PHASE|NEXT_PUBLIC_\w+|VITE_\w+|"
    r"REACT_APP_\w+|EXPO_PUBLIC_\w+|PYTHON\w*|VIRTUAL_ENV|FLASK_\w+|DJANGO_SETTINGS_MODULE|WEB_CONCURRENCY|"
    r"JEST_WORKER_ID|VITEST\w*|TESTING|PYTEST_\w+|APP_ENV|ENV|ENVIRONMENT|NODE_APP_INSTANCE|pm_id)$"
)
def check_project(project: ProjectContext) -> Iterator[Finding]:
    from dataclasses import replace

    if project.has("env_validation"):
        return
    server_reads = [r for r in project.env_reads() if not PLATFORM.match(r.name)]
    optional = {r.name for r in server_reads if r.optional}
    reads = [r for r in server_reads if not r.optional and r.name not in optional]
    if not reads or all(r.fails_fast for r in reads):
        return
    anchor = _startup_anchor(project)
    if anchor is None:
        return
    names = sorted({r.name for r in reads})
    first_read = {}
    for r in sorted(reads, key=lambda r: (r.fact.path, r.fact.span.start if r.fact.span else 0)):
        first_read.setdefault(r.name, r.fact)
    shown = ", ".join(f"`{n}` ({_where(project, first_read[n])})" for n in names[:3]) + (" …" if len(names) > 3 else "")
    message = (f"The app reads {len(names)} environment variable{'s' if len(names) != 1 else ''} ({shown}) but "
               f"never checks at startup that they are set: a missing one fails later, far from its cause")
    finding = project.finding(anchor, message, [project.offer(_title(names), Applicability.UNSAFE)], names=tuple(names))
    yield replace(finding, related=tuple((first_read[n].path, first_read[n].span, f"`{n}` is read here")
                                         for n in names if first_read[n].span is not None))


def _startup_anchor(project: ProjectContext) -> Fact | None:
    """Where the server starts: the first start-up call, settings module or Next.js config; else a
    listen() whose app is created in another file (`express()` in app.js, `listen()` in server.js)."""
    anchors = sorted(project.facts("startup"), key=lambda f: (f.path, f.span.start if f.span else 0))
    if anchors:
        return anchors[0]
    split = sorted((e.fact for e in project.entry_points() if e.javascript and e.app is not None
                    and e.app.path != e.path and e.fact.span is not None), key=lambda f: (f.path, f.span.start))
    return split[0] if split else None


def _title(names: list[str] | tuple[str, ...]) -> str:
    return f"Validate the {len(names)} environment variable{'s' if len(names) != 1 else ''} at startup"


def fix(ctx: FileContext, finding: Finding) -> Fix | None:
    """The startup check after the anchored file's imports, and the names in .env.example."""
    names = list(finding.get("names") or ())
    if not names or ctx.tree is None:
        return None
    offset, import_os = insertion_point(ctx)
    text = snippet(ctx.language, names, newline=ctx.newline, indent=indent_unit(ctx), quote=quote_style(ctx),
                   semicolons=ctx.language in JS_LIKE and uses_semicolons(ctx), import_os=import_os,
                   at_start=offset == 0)
    return ctx.fix(_title(names), Applicability.UNSAFE, ctx.insert(offset, text),
                   ctx.ensure_lines(".env.example", *(f"{n}=" for n in names)))


def _where(project: ProjectContext, read) -> str:
    """`src/auth.ts:12`: where a variable is read, for the message."""
    import os

    rel = os.path.relpath(read.path, project.root).replace(os.sep, "/")
    return f"{rel}:{read.span.start_point[0] + 1}" if read.span is not None else rel
