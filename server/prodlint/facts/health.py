"""Health facts: strings that name a health route outside a route registration (a probe path
handed to a library, a `/healthz` in config), serverless function files (the platform starts
them per request: no long-running server to probe), and Django's main URL conf (the one that
mounts the admin). `is_health_path` judges a full URL path. Kinds are declared in
`prodlint.facts.kinds`."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import lru_cache

from prodlint.context import FileContext
from prodlint.core import Fact
from prodlint.languages import JAVASCRIPT, PYTHON, TSX, TYPESCRIPT
from prodlint.syntax import py_assignments, string_content

TARGETS = (JAVASCRIPT, TYPESCRIPT, TSX, PYTHON)
RUNTIME = True  # describes the running app: not run on tests, scripts, examples (the engine skips them)

_HEALTH = r"health|healthz|healthcheck|health-check|health_check|_health|readyz|readiness|ready|livez|liveness|" \
          r"live|alive|ping|status|up|heartbeat"
#: segments that only name a health route: a path counts when its last such segment is one of them
STRONG = {"health", "healthz", "healthcheck", "health-check", "health_check", "_health", "readyz", "livez",
          "readiness", "liveness", "heartbeat", "_ping", "__health", "health.json"}
#: common words that name a health route only as the whole path (after an API prefix): `/status`
#: and `/api/ping` are health routes, `/orders/:id/status` is not
WEAK = {"status", "ping", "up", "ready", "live", "alive"}
#: segments of an API mount point before the health route (`/api/v1/health`, `/internal/ping`)
API_PREFIX = re.compile(r"^(api|v\d+(\.\d+)?|internal|system|sys|ops|monitoring|monitor|management|manage|actuator|"
                        r"admin|_|meta|probes?|public|service|services|infra|__)$", re.I)
#: what may follow a health segment (`/health/live`, `/healthz/db`)
HEALTH_SUFFIX = re.compile(r"^(live|liveness|ready|readiness|startup|started|db|database|deep|shallow|details?|"
                           r"all|full|check|checks|redis|cache|ping|status)$", re.I)
QUERY = {lang: f'((string) @str (#match? @str "({_HEALTH})/?.$"))' for lang in (JAVASCRIPT, TYPESCRIPT, TSX, PYTHON)}
ROUTE_CALLS = {"get", "post", "put", "patch", "delete", "del", "all", "head", "options", "route", "api_route",
               "add_url_rule", "add_api_route", "path", "re_path", "url"}


def facts(ctx: FileContext) -> Iterator[Fact]:
    if ctx.tree is None or ctx.role.non_production:
        return
    for node in ctx.captures("str"):
        value = string_content(ctx, node)
        if not ("/" in value or ctx.language == PYTHON and value == "health_check") or not is_health_path(value):
            continue
        if _route_path_argument(ctx, node):
            continue  # a route's own path: the `route` fact, joined with its mount prefixes, decides
        yield ctx.fact("health_mention", node, value)
    if _serverless_function(ctx):
        yield ctx.fact("serverless_function", None, ctx.relpath)
    elif ctx.language == PYTHON and os.path.basename(ctx.path) == "urls.py" and b"admin.site.urls" in ctx.source:
        value = py_assignments(ctx).get("urlpatterns")
        if value is not None:
            yield ctx.fact("url_conf", value.parent, ctx.relpath)


_SERVERLESS_PATH = re.compile(r"^(api|netlify/functions|functions|lambda|lambdas)/|(^|/)netlify/functions/")
#: the shapes of a Lambda-style handler, each after a word all its forms hold (and "handler")
_HANDLER_FORMS = (
    (b"exports.handler", re.compile(rb"\bexports\.handler\s*=|module\.exports\.handler\s*=")),
    (b"export", re.compile(rb"export\s+(const|let|async\s+function|function)\s+handler\b|"
                           rb"export\s*\{[^}]*\bhandler\b[^}]*\}")),
    (b"handler(", re.compile(rb"\bdef\s+(lambda_)?handler\(\s*event\s*,\s*context\b")),
)
_SERVERLESS_WRAPPERS = (
    (b"serverless", re.compile(rb"\bserverless(Express|Http)?\(\s*app\b|@vendia/serverless-express|serverless-http|"
                               rb"serverless_wsgi")),
    (b"Mangum", re.compile(rb"\bMangum\(")),
)


def _serverless_function(ctx: FileContext) -> bool:
    """A serverless function file: Vercel `api/`, Netlify functions, an AWS Lambda handler
    (`exports.handler`, `serverless-http`, Mangum, `def handler(event, context)`), that does not
    start a server itself."""
    # each regex runs only on a file holding the word all its forms hold: most files skip them
    source = ctx.source
    handler = b"handler" in source and any(word in source and forms.search(source) is not None
                                           for word, forms in _HANDLER_FORMS) \
        or any(word in source and forms.search(source) is not None for word, forms in _SERVERLESS_WRAPPERS)
    if not _SERVERLESS_PATH.search(ctx.relpath):
        return handler
    return handler or not any(word in source for word in (b".listen(", b".run(", b"uvicorn.run", b"serve("))


@lru_cache(maxsize=4096)
def is_health_path(path: str) -> bool:
    """Whether a full URL path is a health route: `/healthz`, `/api/v1/utils/health-check/`,
    `/health/ready`, `/status`, `/api/ping` — not `/users/health-insurance` or `/orders/:id/status`
    (a common word like `status` or `ping` counts only as the whole path after an API prefix)."""
    segments = [s for s in re.split(r"/+", path.strip().strip("^$").rstrip("?")) if s]
    while segments and API_PREFIX.match(segments[0]):
        segments = segments[1:]
    if not segments:
        return False
    while len(segments) > 1 and HEALTH_SUFFIX.match(segments[-1]) and _strong(segments[-2]) | (segments[-2].lower() in WEAK):
        segments = segments[:-1]
    last = segments[-1].lower()
    return _strong(last) or (last in WEAK and len(segments) == 1)


def _strong(segment: str) -> bool:
    """A segment naming a health route under any prefix: `healthz`, `health-check`,
    `flask-health-check` (ends with one) — not `health-insurance`."""
    segment = segment.lower()
    return segment in STRONG or any(segment.endswith(("-" + w, "_" + w, "." + w)) for w in STRONG)


def _route_path_argument(ctx: FileContext, node) -> bool:
    """A string that is the path argument of a route registration (`router.get("/health", …)`,
    `@app.get("/health")`, Django `path("health/", …)`)."""
    args = node.parent
    if args is None or args.type not in ("arguments", "argument_list") or args.named_children[0] != node:
        return False
    call = args.parent
    fn = call.child_by_field_name("function") if call is not None else None
    if fn is None:
        return False
    name = ctx.text_of(fn).rpartition(".")[2]
    return name in ROUTE_CALLS
