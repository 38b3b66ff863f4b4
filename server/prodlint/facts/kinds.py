"""The declared fact kinds: every kind of project knowledge, declared once.

A fact kind names what its value means, its data fields with their types, what its span covers
and which extractor of `prodlint.facts` emits it. Rules read facts (through the views of
`ProjectContext`) and never define kinds of their own; tests/test_facts.py checks that every
emitted fact is of a declared kind with exactly its declared fields, and docs/facts.md is
generated from this table.

Field types: `str`, `bool`, `int`, `int?` (an int or None), `span?` (a `Span` or None),
`strs` (a tuple of strings).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from prodlint.core import Fact, Span


@dataclass(frozen=True)
class FactKind:
    name: str
    value: str  # what the value means
    fields: Mapping[str, str]  # data key -> field type (see the module docstring)
    emitters: tuple[str, ...]  # modules of prodlint.facts that emit it
    span: str = "none"  # what the span covers ("none": the fact is about the whole file)


def _kind(kind: str, value: str, emitters: str, span: str = "none", /, **fields: str) -> FactKind:
    return FactKind(kind, value, dict(fields), tuple(emitters.split()), span)


KINDS: dict[str, FactKind] = {k.name: k for k in (
    # ---- package.json
    _kind("dependency", "package name", "packages", "the package name",
          version="str", major="int?", dev="bool"),
    _kind("script", "script name", "packages", "the script name", command="str"),
    _kind("bin", "a command-line program the package ships (`\"bin\"`), as a normalised relative path",
          "packages", "the path string"),
    # ---- CI pipelines
    _kind("ci_command", "a shell command a CI pipeline runs (GitHub Actions `run:`, GitLab `script:` …), one per line",
          "ci", "the line", directory="str"),
    _kind("framework", "server framework: express, fastify, koa, hono, nestjs, next, http, flask, fastapi, "
                       "django, starlette, …", "packages node python", "the dependency (package.json); none (imports)",
          source="str", major="int?"),
    _kind("shutdown_library", "graceful-shutdown package (`http-terminator`, `@godaddy/terminus`, …) or "
                              "`nestjs:enableShutdownHooks`", "packages node", "the dependency or call; none (imports)"),
    # ---- code: imports and server objects
    _kind("import", "imported module (`express`, `./routes/users`; Python: dotted, `flask.Flask`)", "node python"),
    _kind("app", "framework of a server app object", "node python",
          "the creating call (`express()`, `Flask(__name__)`); Django: the `urlpatterns` assignment", name="str"),
    _kind("router", "framework of a router object (express.Router, Blueprint, APIRouter)", "node python",
          "the creating call", name="str", prefix="str"),
    _kind("route", "the path as written (not joined with mounts: see `ProjectContext.routes()`)", "node python",
          "the registering call", method="str", object="str", framework="str", prefix="str", handler="span?"),
    _kind("mount", "the prefix a router or sub-app is mounted at", "node python", "the mounting call",
          object="str", target="str", module="str"),
    _kind("middleware", "the middleware expression's text (`cors()`, `express.json()`)", "node", "the `use` call",
          object="str", framework="str"),
    _kind("error_handler", "framework of a global error handler", "node python", "the registering call",
          object="str", handles="str"),
    _kind("renders_templates", "framework of a file that renders HTML templates (Flask `render_template`)", "python"),
    _kind("listen", "framework of a call that starts serving (`app.listen()`, `app.run()`, `uvicorn.run()`; "
                    "\"\" for an app imported from another module; not `listen(0)`, a helper on a port the "
                    "system chooses)", "node python", "the call",
          object="str", bound="bool", arguments="int", standalone="bool"),
    _kind("process_handler", "event of `process.on(event, …)`, or of a wait for it (`once(process, event)`)",
          "node", "the call"),
    _kind("signal_handler", "signal name (`SIGTERM`, `SIGINT`, …)", "node python", "the call"),
    _kind("client", "DB/cache client kind (pg, mysql, prisma, mongoose, mongodb, redis, knex, sequelize, "
                    "sqlalchemy, flask_sqlalchemy)", "node python", name="str", aio="bool"),
    _kind("logger", "the name of the file's logger (pino/winston/bunyan instance, `logging.getLogger`)",
          "node python"),
    # ---- health
    _kind("health_mention", "a string naming a health route outside a route registration (a probe path in config)",
          "health", "the string"),
    _kind("serverless_function", "project-relative path of a serverless function file (Vercel `api/`, Netlify "
                                 "functions, a Lambda handler): the platform starts it per request", "health"),
    _kind("url_conf", "project-relative path of Django's main URL conf (the urls.py that mounts the admin)", "health",
          "the `urlpatterns` assignment"),
    _kind("readiness_route", "the path (as written) of a readiness route (`/readyz`, `/ready`, …) whose handler "
                             "reads no shutdown state", "readiness",
          "the registering call (JS) or the decorated function (Python)", framework="str", fixable="bool"),
    # ---- Express handlers
    _kind("async_handler", "an async Express handler or middleware that awaits outside try/catch (\"\")", "express",
          "the function", fixable="bool"),
    _kind("async_guard", "how the project guards async handlers: catch(next), wrapped, wrapped-route", "express",
          "the wrapper call or wrapped function; none for a `.catch(next)` helper"),
    # ---- environment
    _kind("env_read", "name of an environment variable read by server code", "env", "the read expression",
          fails_fast="bool", optional="bool"),
    _kind("env_validation", "project-relative path of a file that validates its environment at startup",
          "env env_nextjs"),
    _kind("startup", "project-relative path of a file that starts the server (where a startup check goes)",
          "env env_nextjs", "the starting call, settings assignment or config export"),
    # ---- database schema and migrations
    _kind("orm_schema", "ORM whose models define tables: prisma, sequelize, typeorm, drizzle, sqlalchemy, django",
          "migrations", "the first model (`model User {`, the entity or model class)", provider="str", app="str"),
    _kind("migration", "migration tool of a committed migration file: prisma, sequelize, typeorm, knex, drizzle, "
                       "alembic, django", "migrations", app="str"),
    # ---- rate limits and paid APIs
    _kind("rate_limit", "rate-limiting library (`express-rate-limit`, `@fastify/rate-limit`, `flask-limiter`, "
                        "`djangorestframework`, …; `custom` for a limiter known by its name)", "limits",
          "where it applies: the `use`/`register` call, the route middleware, the decorator, the check in code",
          scope="str", object="str", prefix="str", function="str"),
    _kind("paid_api_call", "paid API a call reaches (OpenAI, Anthropic, Twilio, SendGrid, …), directly or through "
                           "a function of the same file", "limits", "the call", function="str"),
    _kind("paid_client", "paid API of a client a module creates at its top level (`export const openai = new "
                         "OpenAI()`)", "limits", "the declaration", name="str"),
    _kind("module_call", "name of a function called from a local module (`complete` of `ai.complete()`)", "limits",
          "the call", module="str", function="str", object="str"),
    _kind("route_handler_ref", "name of the function a route names as its handler (`create` of `chat.create`)",
          "limits", "the route's registering call", module="str"),
    # ---- console output
    _kind("console_call", "method of a `console.*()` call (`log`, `error`, …) or `print` in server code that "
                          "should go through a logger", "console_calls", "the call",
          language="str", next_server="bool", message="str", logger_styles="strs", logger_titles="strs",
          logger_applicabilities="strs", add_title="str", import_title="str", creates="str"),
    # ---- request logging
    _kind("request_logger", "what logs each HTTP request: a package (`morgan`, `pino-http`, `hono/logger`, "
                            "`paste.translogger`, …) or a mechanism (`fastify-logger`, `finish-listener`, "
                            "`logging-middleware`, `request-hook`)", "request_logs",
          "the option, listener or middleware; none (an import)"),
    _kind("declared_app", "framework (express, fastify, koa, hono, restify) of a JS/TS app bound by a declaration "
                          "(`const app = express()`)", "declared_apps", "the declared value",
          name="str", fixable="bool"),
    _kind("access_log", "a Python server's access log switched `on` (gunicorn config `accesslog`) or `off` "
                        "(`uvicorn.run(access_log=False)`)", "request_logs", "the setting"),
    # ---- development modes (CFG001, CFG002)
    _kind("flask_run", "framework (`flask`) of an `app.run()` that starts a Flask app's development server outside "
                       "a development guard", "debug", "the call", app="str", certain="bool", debug="bool"),
    _kind("flask_run_command", "file name of a deployment file (Dockerfile, Procfile, compose) whose command runs "
                               "`flask run`", "debug", "the command"),
    _kind("django_debug", "`DEBUG` assigned at the top of a Django settings module (`on`: to `True`)", "debug",
          "the assignment", on="bool", package="bool"),
    _kind("debug_env", "`FLASK_DEBUG=1` / `DJANGO_DEBUG=true` set by `ENV` in a Dockerfile's final stage", "debug",
          "the instruction"),
    _kind("wsgi_entry", "file name of a WSGI/ASGI entry or gunicorn config (`wsgi.py`, `gunicorn.conf.py`)", "debug"),
    # ---- env files and .gitignore
    _kind("gitignore", "project-relative directory of a `.gitignore` (\"\" for the root)", "dotenv",
          lines="strs"),
    _kind("dotenv_template", "file name of a committed env template (`.env.example`, `.env.sample`, …)", "dotenv"),
    _kind("dotenv_file", "project-relative path of a real env file (`.env`, `.env.local`, `.env.production`, …) "
                         "that holds a secret", "dotenv", "the first line",
          ignored="bool", secret="str"),
    # ---- deployment files
    _kind("deploy_file", "dockerfile | procfile | compose", "deploy",
          name="str", commands="strs", python_server="str", python_script="str"),
    _kind("container_command", "instruction (`CMD`/`ENTRYPOINT`) of a final Dockerfile stage whose command runs "
                               "under /bin/sh or a package manager (`npm start`), with no init process", "container",
          "the instruction", shell="bool", args="str", script="str", argv="strs"),
    _kind("python_pid1", "instruction (`CMD`/`ENTRYPOINT`) that runs Python as PID 1 outside a server that handles "
                         "SIGTERM", "container", "the instruction", args="str"),
    _kind("compose_shell", "key (`command`/`entrypoint`) of a compose service wrapped in `sh -c` without `init: true`",
          "container", "the key's line"),
    _kind("unchecked_server_image", "`dockerfile`: a Dockerfile whose final stage runs a server (a server command or "
                                    "`EXPOSE`) with no HEALTHCHECK of its own or inherited (`runs`: it has a "
                                    "CMD/ENTRYPOINT; `prober`: node, python3, curl, wget or \"\" for none)",
          "healthcheck",
          "the line of its first CMD/ENTRYPOINT (else of the stage's first instruction)",
          runs="bool", port="str", prober="str"),
    _kind("platform_config", "platform that runs the app: fly | railway | render | kubernetes (one fact per "
                             "service or container)", "platform", "the service/section line",
          checked="bool", health_path="str", insert_at="int", indent="str", section="str", port="str"),
)}


_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,), "bool": (bool,), "int": (int,), "int?": (int, type(None)), "span?": (Span, type(None)),
    "strs": (tuple,),
}


def problems(fact: Fact) -> list[str]:
    """What is wrong with a fact against its declaration (empty when it is well-formed)."""
    kind = KINDS.get(fact.kind)
    if kind is None:
        return [f"undeclared fact kind {fact.kind!r}"]
    out = []
    data: dict[str, Any] = dict(fact.data)
    if set(data) != set(kind.fields):
        out.append(f"{fact.kind}: fields {sorted(data)} != declared {sorted(kind.fields)}")
    for key, value in data.items():
        spec = kind.fields.get(key)
        if spec is None:
            continue
        ok = isinstance(value, _TYPES[spec]) and not (spec.startswith("int") and isinstance(value, bool))
        if ok and spec == "strs":
            ok = all(isinstance(v, str) for v in value)
        if not ok:
            out.append(f"{fact.kind}.{key}: {value!r} is not {spec}")
    if not isinstance(fact.value, str):
        out.append(f"{fact.kind}: value {fact.value!r} is not a string")
    return out


def render_table() -> str:
    """The fact kinds as a Markdown table (docs/facts.md)."""
    rows = ["| kind | value | data fields | span | emitted by |", "|---|---|---|---|---|"]
    for kind in KINDS.values():
        fields = ", ".join(f"`{k}`: {t}" for k, t in kind.fields.items()) or "—"
        emitters = ", ".join(f"`facts/{e}.py`" for e in kind.emitters)
        rows.append(f"| `{kind.name}` | {kind.value} | {fields} | {kind.span} | {emitters} |")
    return "\n".join(rows) + "\n"


def render_doc() -> str:
    """docs/facts.md: the table, with how to read it."""
    return ("# Fact kinds\n\n"
            "Generated from `server/prodlint/facts/kinds.py` by `python -m prodlint.facts.kinds > docs/facts.md`;\n"
            "tests/test_facts.py fails when it is stale. Each kind is declared once; rules read them through the\n"
            "views of `ProjectContext` (`apps()`, `routes()`, `entry_points()`, `env_reads()`, `clients()`,\n"
            "`loggers()`, `frameworks`, `dependencies`, `scripts`, `deploy_files`) and never emit kinds of\n"
            "their own. Field types: `str`, `bool`, `int`, `int?` (int or None), `span?` (Span or None),\n"
            "`strs` (tuple of strings).\n\n" + render_table())


if __name__ == "__main__":
    print(render_doc(), end="")
