"""Shared facts: what each file contributes to its project (frameworks, routes, listeners,
signal handlers, dependencies, env reads …). Each module: TARGETS, optional QUERY, facts(ctx).

Files whose role is non-production (tests, fixtures, examples, docs, scripts) contribute no code
facts: a SIGTERM handler in a test does not make the server graceful. Every fact is
`Fact(kind, path, span, value, data)`; `span` is None when the fact is about the whole file.

Fact kinds (value; data keys):

From package.json (`packages.py`):
- `dependency` — package name; `version` (the range as written), `major` (int|None, lowest major
  the range allows), `dev` (bool). Span: the name.
- `script` — script name; `command`. Span: the name.
- `bin` — a command-line program the package ships (`"bin"`), as a normalised relative path
  (`bin/cli.js`). Span: the path string.
- `framework` — "express" | "fastify" | "koa" | "hono" | "nestjs" | "next" | "restify" | "hapi" |
  "polka"; `source` = "package.json", `major`. Also emitted from code (below) with `source` = "import".
- `shutdown_library` — a graceful-shutdown package (`http-terminator`, `@godaddy/terminus`,
  `stoppable`, `lightship`, `close-with-grace`, …). Also from imports/calls in code, and
  "nestjs:enableShutdownHooks" for `app.enableShutdownHooks()`.

From JS/TS code (`node.py`; CommonJS, ESM, TypeScript):
- `import` — module source (`express`, `./routes/users`); no data, no span.
- `framework` — as above, for a server framework module the file imports (also "http", "next").
- `app` — framework; `name` (the variable). Span: the creating call (`express()`, `Fastify()`,
  `new Koa()`, `new Hono()`, `NestFactory.create()`, `require("express")()`).
- `router` — framework; `name`. Span: `express.Router()`, `new Router()` (@koa/router).
- `route` — the path as written (`/health`; Next.js: the URL path of `app/**/route.ts` or
  `pages/api/**`); `method` (GET/POST/…/ALL), `object` (receiver name, "" for Next.js),
  `framework`, `handler` (Span of the last handler argument, or None). Span: the registering call.
  The path is *not* joined with mount prefixes: join it with `mount` facts when needed.
- `mount` — the prefix (`app.use("/api", router)`); `object`, `target` (the mounted expression's
  text), `module` (import source of the target, "" when local).
- `middleware` — the middleware expression's text (`cors()`, `express.json()`); `object`, `framework`.
- `error_handler` — framework; `object` ("" for a 4-parameter `(err, req, res, next)` function
  declared anywhere). Also `setErrorHandler` (Fastify), `app.onError` (Hono), `app.on("error")` (Koa).
- `listen` — framework ("express", "fastify", "koa", "http", "hono" for `serve()` of
  @hono/node-server …); `object` (receiver), `bound` (the result is assigned). Span: the call.
- `process_handler` — event name of `process.on/once/addListener(event, …)`. Span: the call.
- `signal_handler` — "SIGTERM" | "SIGINT" | …; also for `[...signals].forEach(s => process.on(s, …))`.
- `client` — DB/cache client kind: "pg" | "mysql" | "prisma" | "mongoose" | "mongodb" | "redis" |
  "knex" | "sequelize" (see `prodlint.syntax.JS_DB_CLIENTS` for ping/close expressions);
  `name` (the binding in this file). No span.
- `logger` — the name of the file's logger (pino/winston/bunyan instance, or an imported `logger`).

From Python code (`python.py`; Flask, FastAPI, Starlette, Django):
- `import` — dotted module (`flask.Flask` for `from flask import Flask`).
- `framework` — "flask" | "fastapi" | "django" | "starlette" | …, `source` = "import".
- `app` — framework; `name`. Span: `Flask(__name__)`, `FastAPI()`; Django: the `urlpatterns`
  assignment of a `urls.py` (`name` = "urlpatterns").
- `router` — framework; `name`, `prefix` (`url_prefix=`/`prefix=` given at creation).
  Span: `Blueprint(...)`, `APIRouter(...)`.
- `route` — path; `method`, `object`, `framework`, `prefix` (of the router object), `handler`
  (Span of the decorated definition). Django `path()`/`re_path()` routes have object "urlpatterns".
- `mount` — prefix of `register_blueprint(url_prefix=)`, `include_router(prefix=)`, `mount()`,
  Django `path("api/", include(...))`; `object`, `target`, `module`.
- `error_handler` — framework; `object`, `handles` (the argument text: `Exception`, `500`).
- `listen` — framework or "uvicorn"/"waitress"; `object`, `bound`. Span: `app.run()`, `uvicorn.run()`.
- `signal_handler` — signal name of `signal.signal(signal.SIGTERM, …)` / `loop.add_signal_handler`.
- `client` — "sqlalchemy" | "flask_sqlalchemy" | "redis"; `name`.
- `logger` — the module logger's name.

From deployment files (`deploy.py`):
- `deploy_file` — "dockerfile" | "procfile" | "compose"; `name` (file name), `commands` (tuple of
  what it starts: the final stage's CMD/ENTRYPOINT, a Procfile's `web` process, compose
  `command:`/`entrypoint:`), `python_server` (the production server among them: "gunicorn",
  "uwsgi", "waitress-serve", "hypercorn", "uvicorn", "daphne", "granian", …; "" when none),
  `python_script` (a `python app.py` / `python -m pkg` / `flask run` command; "" when none).
"""
