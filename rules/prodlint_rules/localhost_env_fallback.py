"""
## What it does
Flags an environment lookup whose fallback is a localhost URL:
`process.env.API_URL || "http://localhost:3000"`, `?? "…"`, a destructuring default
`const { API_URL = "http://localhost:3000" } = process.env`, `import.meta.env.VITE_API_URL || "…"`,
`Bun.env.API_URL || "…"`, `Deno.env.get("API_URL") ?? "…"`,
`os.getenv("API_URL", "http://localhost:8000")`, `os.environ.get("REDIS_URL", "redis://localhost")`,
django-environ's and python-decouple's `env("API_URL", default="http://localhost:8000")`,
`env.str(…, default=…)`, `config(…, default=…)`,
chains `process.env.A || process.env.B || "http://localhost…"` and NestJS
`configService.get("REDIS_URL", "redis://localhost:6379")`.
A fallback for a bind address (`process.env.HOST || "0.0.0.0"`) is left alone.

## Why is this bad?
When the variable is missing in production (a typo in the dashboard, a forgotten secret), the app
does not fail: it quietly talks to `localhost`, which is the server itself. Requests time out,
the database is "refused", and nothing in the logs says the configuration is wrong.

## Example
```js
const API_URL = process.env.API_URL || "http://localhost:3000";
```

Use instead:
```js
const API_URL = process.env.API_URL; // validated at startup
```

## Fix safety
The fix removes the fallback (`os.getenv("X", "…")` becomes `os.environ["X"]`, which raises at
once when X is missing, adding `import os`; `env("X", default="…")` loses its `default`, and
raises then too; NestJS `get` becomes `getOrThrow`). In TypeScript,
where `process.env.X` alone is `string | undefined` and breaks `--strict` builds, it reads
`requireEnv("X")`, a small helper added to the file that returns a `string` or stops the app. It is unsafe: an environment that relied on the default must now set the
variable. Validate required variables at startup (SEC004 generates that check).

## References
- [The Twelve-Factor App: Config](https://12factor.net/config)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.api import (
    JAVASCRIPT, JS_LIKE, PYTHON, TSX, TYPESCRIPT, Applicability, FileContext, Finding, Rule, Scope, Severity,
)
from prodlint.appmodel import in_dev_guard
from prodlint.syntax import python_import_edit, quote_style, string_content
from prodlint.envreads import (
    JS_ENV_OBJECT, JS_FALLBACK_LEFT, PY_GETTER, PY_KEYWORD_DEFAULT_CALL, config_get, env_names, is_getter,
    query_regex,
)
from prodlint_rules._env_fallbacks import is_process_env, require_env_call, require_env_helper, typed

RULE = Rule(
    code="URL002",
    name="localhost-env-fallback",
    category="5",
    scope=Scope.FILE,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.WARNING,
    fix="drop the fallback so a missing variable fails fast",
)

_LOCAL = "localhost|127\\\\.0\\\\.0\\\\.1|\\\\[::1\\\\]"
_JS = f"""
((binary_expression
   left: (_) @env
   operator: ["||" "??"] @op
   right: [(string) (template_string)] @fallback) @expr
 (#match? @env "{query_regex(JS_FALLBACK_LEFT)}")
 (#match? @fallback "{_LOCAL}"))
((call_expression
   function: (member_expression property: (property_identifier) @get)
   arguments: (arguments . (string) . [(string) (template_string)] @fallback .)) @cfgcall
 (#eq? @get "get")
 (#match? @fallback "{_LOCAL}"))
((variable_declarator
   name: (object_pattern
     (object_assignment_pattern
       left: (shorthand_property_identifier_pattern) @name
       right: [(string) (template_string)] @fallback) @default)
   value: (member_expression) @env) @decl
 (#match? @env "{query_regex(JS_ENV_OBJECT)}")
 (#match? @fallback "{_LOCAL}"))
"""
QUERY = {lang: _JS for lang in (JAVASCRIPT, TYPESCRIPT, TSX)}
QUERY[PYTHON] = f"""
((call
   function: (_) @fn
   arguments: (argument_list . (string) @name . (string) @fallback .)) @expr
 (#match? @fn "{query_regex(PY_GETTER)}")
 (#match? @fallback "{_LOCAL}"))
((call
   function: (_) @fn
   arguments: (argument_list . (string) @name (keyword_argument name: (identifier) @kw value: (string) @fallback)
     @keyword)) @expr
 (#match? @fn "{query_regex(PY_KEYWORD_DEFAULT_CALL)}")
 (#eq? @kw "default")
 (#match? @fallback "{_LOCAL}"))
"""

URLISH = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^@/\s]*@)?(localhost|127\.0\.0\.1|\[::1\])([:/?#]|$)", re.I)
BARE = re.compile(r"^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$")
SERVICE_HOST = re.compile(r"(DB|DATABASE|REDIS|MONGO|POSTGRES|PG|MYSQL|CACHE|RABBIT|AMQP|SMTP|MAIL|API|BACKEND|"
                          r"SERVICE|ELASTIC|KAFKA|NATS)\w*_?HOST(NAME)?$|_?(URL|URI)$", re.I)


#: every finding `check` makes on a language of QUERY is a match of it: the engine skips a file without one
FINDINGS_FROM_MATCHES = True


def check(ctx: FileContext) -> Iterator[Finding]:
    for pattern, caps in ctx.matches:
        fallback = caps["fallback"][0]
        value = string_content(ctx, fallback)
        if "cfgcall" in caps:
            found = config_get(ctx, caps["cfgcall"][0])
            if found is None or found[1] is None:
                continue
            name = found[0]
        elif ctx.language in JS_LIKE:
            env_node = caps["env"][0]
            names = [ctx.text_of(caps["name"][0])] if "name" in caps else env_names(ctx, env_node)
            if not names:
                continue
            name = names[-1]
        else:
            name = string_content(ctx, caps["name"][0])
        if not _is_service_address(name, value):
            continue
        anchor = caps.get("expr", caps.get("default", caps.get("cfgcall")))[0]
        if in_dev_guard(ctx, anchor):
            continue
        message = (f"`{name}` falls back to `{value}`: when it is unset in production the app silently "
                   f"talks to itself instead of failing")
        yield ctx.finding(anchor, message, [_fix(ctx, caps, name)])


def _is_service_address(name: str, value: str) -> bool:
    if URLISH.match(value):
        return True
    return bool(BARE.match(value)) and bool(SERVICE_HOST.search(name)) and name.upper() not in ("HOST", "HOSTNAME")


def _fix(ctx: FileContext, caps: dict, name: str):
    title = f"Remove the localhost fallback of {name}"
    if ctx.language in JS_LIKE:
        if "cfgcall" in caps:
            call = caps["cfgcall"][0]
            args = call.child_by_field_name("arguments")
            first = args.named_children[0]
            edits = [ctx.replace(ctx.span_of(first.end_byte, args.end_byte - 1), "")]
            if re.search(rb"@nestjs/config|ConfigService", ctx.source):  # getOrThrow: fails fast, typed
                edits.insert(0, ctx.replace(call.child_by_field_name("function").child_by_field_name("property"),
                                            "getOrThrow"))
            return ctx.fix(title, Applicability.UNSAFE, *edits)
        if "default" in caps:
            default = caps["default"][0]
            return ctx.fix(title, Applicability.UNSAFE, ctx.replace(default, ctx.text_of(caps["name"][0])))
        expr, env = caps["expr"][0], caps["env"][0]
        if typed(ctx) and is_process_env(ctx, env):
            # TypeScript: `process.env.X` alone is `string | undefined`; requireEnv() is a string
            if env.type == "binary_expression":
                left, op = env.child_by_field_name("left"), env.child_by_field_name("operator")
                text = f"{ctx.text_of(left)} {ctx.text_of(op)} {require_env_call(ctx, name)}"
            else:
                text = require_env_call(ctx, name)
            helper = require_env_helper(ctx)
            return ctx.fix(title, Applicability.UNSAFE, ctx.replace(expr, text),
                           *([helper] if helper is not None else []))
        return ctx.fix(title, Applicability.UNSAFE, ctx.replace(expr, ctx.text_of(env)))
    q = quote_style(ctx)
    fn = ctx.text_of(caps["fn"][0])
    if "keyword" in caps and not is_getter(fn):
        # `env("X", default="…")`, `config("X", default="…")`: without its default the lookup
        # raises when X is unset (django-environ, python-decouple)
        keyword = caps["keyword"][0]
        before = keyword.prev_named_sibling
        start = before.end_byte if before is not None else keyword.start_byte
        return ctx.fix(title, Applicability.UNSAFE, ctx.replace(ctx.span_of(start, keyword.end_byte), ""))
    module = "environ" if fn.startswith("environ") else "os.environ"
    edits = [ctx.replace(caps["expr"][0], f"{module}[{q}{name}{q}]")]
    imp = python_import_edit(ctx, "os") if module == "os.environ" else None
    return ctx.fix(title, Applicability.UNSAFE, *([imp] if imp is not None else []), *edits)
