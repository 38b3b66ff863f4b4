"""
## What it does
Flags a route whose handler calls a paid API — an LLM (OpenAI, Anthropic, Gemini, Replicate,
Cohere, Groq, Mistral, Together, the Vercel AI SDK, LangChain chat models), or an SMS / e-mail
sender (Twilio, SendGrid, Resend, Mailgun, Postmark, Vonage, AWS SES/SNS) — with no rate limiter
on it. The call is found by import and call, in the handler itself or in the functions it
reaches: a function of the same file, a controller the route names
(`router.post("/chat", chat.create)`), and a service module the handler imports
(`aiService.complete()` in `services/ai.js` calling `openai.chat.completions.create()`), a few
hops deep, or a client another module creates (`openai` imported from `lib/openai`). A Next.js
`pages/api` route is reported at its paid call. Limiters count as in RATE002 (app-wide or on a
prefix, route middleware, decorators, DRF throttles, a Next.js `middleware.ts` limiter, a limit
checked in the handler, even by hand: an `if` that answers 429). Authentication routes are left
to RATE002; retrying when the provider answers 429 is not a limit on your clients.

## Why is this bad?
Every request to such a route costs money. Without a per-client limit one script (or one
user's runaway loop) can call it thousands of times a minute: the bill arrives before anyone
notices, the provider's own rate limit is exhausted for every other user, and an SMS or e-mail
route becomes a free relay for spam and toll fraud.

## Example
```js
router.post("/chat", async (req, res) => {
  const completion = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: req.body.messages });
  res.json(completion.choices[0].message);
});
```

Use instead:
```js
const { rateLimit } = require("express-rate-limit");

const aiLimiter = rateLimit({
  windowMs: 60 * 1000,
  limit: 10,
  standardHeaders: "draft-7",
  legacyHeaders: false,
  message: { error: "Too many requests, please slow down." },
});

router.post("/chat", aiLimiter, async (req, res) => {
  const completion = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: req.body.messages });
  res.json(completion.choices[0].message);
});
```

## Fix safety
For Express routes the fix defines a per-client limiter once per file (`aiLimiter` for model
calls, `sendLimiter` for SMS and e-mail: 10 requests per client IP per minute, standard
`RateLimit` headers, a JSON 429 body) after the file's imports, puts it first among the route's
handlers, and adds `express-rate-limit` to package.json's dependencies in the same edit. Flask
and FastAPI views get `@limiter.limit("10 per minute")` as in RATE002. It is unsafe: clients over
the limit now get 429 responses (tune the numbers to your usage, and key the limiter on the user
id when requests are authenticated).

## References
- [OWASP API Security Top 10: API4:2023 Unrestricted Resource Consumption](https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/)
- [OpenAI: safety best practices (rate limits per end user)](https://platform.openai.com/docs/guides/safety-best-practices)
- [Twilio: preventing SMS pumping fraud](https://www.twilio.com/docs/verify/preventing-toll-fraud)
- [express-rate-limit](https://express-rate-limit.mintlify.app/overview)
"""

from __future__ import annotations

from collections.abc import Iterator

from prodlint.api import (
    JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Applicability, FileContext, Finding, Fix, ProjectContext, Rule, Scope,
    Severity,
)
from prodlint_rules._rate_limits import (
    RateModel, dependency_data, express_dependency, is_auth_path, is_js, py_route_fixable, rate_model, route_limiter_fix,
)

RULE = Rule(
    code="RATE003",
    name="paid-api-route-unlimited",
    category="6",
    scope=Scope.PROJECT,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.WARNING,
    fix="add a per-client limiter (10 per minute: express-rate-limit, Flask-Limiter, slowapi) to the route",
)

#: providers that send messages (the rest are model calls)
SENDERS = {"Twilio", "SendGrid", "Resend", "Mailgun", "Postmark", "Vonage", "AWS SES", "AWS SNS", "MessageBird",
           "Mailchimp", "Plivo", "Telnyx"}
PY_FIX_TITLE = "Add a per-client rate limit (10 per minute) to this view"
PY_LIMIT = "10 per minute"
FIX_TITLE = "Add a per-client rate limiter (10 requests per minute) to this route"


def check_project(project: ProjectContext) -> Iterator[Finding]:
    if not (project.has("paid_api_call") or project.has("paid_client")):
        # Every provider a route can reach is the value of a `paid_api_call` or `paid_client` fact
        # (directly, or through `RateModel.paid_functions`, which grows only from those): most
        # projects hold neither, and then no route reaches a paid API.
        return
    model = rate_model(project)
    dependency = None
    for route in model.routes:
        if route.fact.span is None:
            yield from _file_route(project, model, route)
            continue
        if route.method in ("HEAD", "OPTIONS"):
            continue
        provider = model.paid_provider(route)
        if provider is None:
            continue
        if route.method != "GET" and any(is_auth_path(p) for p in route.full_paths):
            continue  # an authentication route: RATE002
        if model.covered(route):
            continue
        fixes, data = [], {"sender": provider in SENDERS, "framework": route.framework}
        if route.framework in ("flask", "fastapi"):
            if py_route_fixable(project, route.fact.path):
                fixes = [project.offer(PY_FIX_TITLE, Applicability.UNSAFE)]
        elif route.framework == "express" and is_js(route.fact.path):
            dependency = dependency or express_dependency(project)
            if dependency is not None:
                fixes = [project.offer(FIX_TITLE, Applicability.UNSAFE)]
                data.update(dependency_data(dependency))
        verb = "" if route.method == "ALL" else route.method + " "
        what = "sends messages through" if provider in SENDERS else "calls"
        yield project.finding(route.fact, f"Route `{verb}{model.unlimited_path(route)}` {what} {provider} (paid per call) "
                                          f"with no rate limiter: one client can run up the bill", fixes, **data)


def _file_route(project: ProjectContext, model: RateModel, route) -> Iterator[Finding]:
    """A Next.js `pages/api` route: the file is the handler; reported at its paid call."""
    if any(is_auth_path(p) for p in route.full_paths) or model.covered(route):
        return
    found = model.file_route_paid(route)
    if found is None:
        return
    anchor, provider = found
    what = "sends messages through" if provider in SENDERS else "calls"
    yield project.finding(anchor, f"API route `{model.unlimited_path(route)}` {what} {provider} (paid per call) "
                                  f"with no rate limiter: one client can run up the bill")


def fix(ctx: FileContext, finding: Finding) -> Fix | None:
    name = "sendLimiter" if finding.get("sender") else "aiLimiter"
    return route_limiter_fix(ctx, finding, (name, "60 * 1000", 10, "Too many requests, please slow down."),
                             FIX_TITLE, PY_LIMIT, PY_FIX_TITLE)
