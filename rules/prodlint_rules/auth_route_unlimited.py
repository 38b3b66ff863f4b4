"""
## What it does
Flags an authentication route — login, sign-in, register/sign-up, password reset or recovery,
OTP send/verify, magic link, 2FA, token minting (`/token`, `/oauth/token`, `/auth/refresh`) —
that accepts POST (or any method) with no rate limiter on it: none applied app-wide or on a
prefix of its full path (`app.use("/api", limiter)` covers `/api/auth/login` through router
mounts), none among its middlewares (`router.post("/login", loginLimiter, login)`, Fastify
`config.rateLimit`), no `@limiter.limit(...)` / `@ratelimit(...)` / `throttle_classes` on the
view, and no limit checked in its handler (Upstash `ratelimit.limit()`,
rate-limiter-flexible `consume()`). Paths are judged on whole segments of the full served path:
`/blog/login-tips`, `/catalog`, `/tokens` and `/events/:id/register` are not auth routes, and a
GET that renders a login form is not the attack surface. Authentication middleware is not a
rate limit.

## Why is this bad?
An unlimited login route lets anyone try passwords as fast as the server answers
(credential stuffing with leaked password lists, brute force); an unlimited sign-up, password
reset or OTP route lets them create accounts in bulk, flood a victim's inbox, or send SMS codes
you pay for. A strict per-client limit on these few routes stops it at almost no cost to real
users.

## Example
```js
router.post("/login", async (req, res) => {
  const user = await users.verify(req.body.email, req.body.password);
  res.json({ token: sign(user) });
});
```

Use instead:
```js
const { rateLimit } = require("express-rate-limit");

const authLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: 5,
  standardHeaders: "draft-7",
  legacyHeaders: false,
  message: { error: "Too many attempts, please try again later." },
});

router.post("/login", authLimiter, async (req, res) => {
  const user = await users.verify(req.body.email, req.body.password);
  res.json({ token: sign(user) });
});
```

## Fix safety
For Express routes the fix defines `authLimiter` (express-rate-limit: 5 attempts per client IP
per 15 minutes, standard `RateLimit` headers, a JSON 429 body) once per file, after its imports
(an `import` or a `require` as the file does), puts it first among the route's handlers, and
adds `express-rate-limit` to package.json's dependencies in the same edit. For Flask and FastAPI
views it adds `@limiter.limit("5 per 15 minutes")` (Flask-Limiter, slowapi; FastAPI views get the
`request: Request` parameter slowapi needs), using the file's limiter or creating one on the app
the file creates (with slowapi's 429 handler), and adds the package to requirements.txt or
pyproject.toml; a blueprint or router file without a limiter gets no fix. It is unsafe: clients
over the limit now get 429 responses, and behind a proxy the app must be told to trust it
(`app.set("trust proxy", 1)`, `ProxyFix`) or every client shares the proxy's IP.

## References
- [OWASP: Blocking brute force attacks](https://owasp.org/www-community/controls/Blocking_Brute_Force_Attacks)
- [OWASP API Security Top 10: API4:2023 Unrestricted Resource Consumption](https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/)
- [express-rate-limit](https://express-rate-limit.mintlify.app/overview)
"""

from __future__ import annotations

from collections.abc import Iterator

from prodlint.api import (
    JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Applicability, FileContext, Finding, Fix, ProjectContext, Rule, Scope,
    Severity,
)
from prodlint_rules._rate_limits import (
    MUTATING, dependency_data, express_dependency, is_auth_path, is_js,
    py_route_fixable, rate_model, route_limiter_fix,
)

RULE = Rule(
    code="RATE002",
    name="auth-route-unlimited",
    category="6",
    scope=Scope.PROJECT,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.WARNING,
    fix="add a strict auth limiter (5 per 15 minutes: express-rate-limit, Flask-Limiter, slowapi) to the route",
)

LIMITER = "authLimiter"
PY_FIX_TITLE = "Add a strict rate limit (5 per 15 minutes) to this view"
PY_LIMIT = "5 per 15 minutes"
FIX_TITLE = "Add a strict rate limiter (5 attempts per 15 minutes) to this route"


def check_project(project: ProjectContext) -> Iterator[Finding]:
    if not project.has("route"):
        return  # every finding is a route (`ProjectContext.routes` holds one per `route` fact)
    model = rate_model(project)
    dependency = None
    for route in model.routes:
        if route.method not in MUTATING or route.fact.span is None:
            continue
        path = next((p for p in route.full_paths if is_auth_path(p)), None)
        if path is None or model.covered(route):
            continue
        fixes, data = [], {"framework": route.framework}
        if route.framework in ("flask", "fastapi"):
            if py_route_fixable(project, route.fact.path):
                fixes = [project.offer(PY_FIX_TITLE, Applicability.UNSAFE)]
        elif route.framework == "express" and is_js(route.fact.path):
            dependency = dependency or express_dependency(project)
            if dependency is not None:
                fixes, data = [project.offer(FIX_TITLE, Applicability.UNSAFE)], dependency_data(dependency)
        verb = "" if route.method == "ALL" else route.method + " "
        yield project.finding(route.fact, f"Authentication route `{verb}{path}` has no rate limiter: anyone can try "
                                          f"passwords, codes or sign-ups as fast as the server answers", fixes, **data)


def fix(ctx: FileContext, finding: Finding) -> Fix | None:
    return route_limiter_fix(ctx, finding, (LIMITER, "15 * 60 * 1000", 5, "Too many attempts, please try again later."),
                             FIX_TITLE, PY_LIMIT, PY_FIX_TITLE)
