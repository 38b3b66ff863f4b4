"""
## What it does
Flags a webhook endpoint of a known provider (Stripe, GitHub, Slack, Shopify, Clerk/Svix, Paddle,
Lemon Squeezy, Twilio) that acts on the payload without verifying its signature, and a Stripe
webhook that does verify but sits behind `express.json()`/`bodyParser.json()`, which consumes the
raw body the signature is computed over (so verification fails on every real event).

Endpoints are POST routes whose path names a webhook (`/webhook`, `/api/webhooks/stripe`,
`/hooks/github`) in Express-style apps, Next.js route handlers (`app/api/webhooks/…/route.ts`,
`pages/api/webhook*`), Flask and FastAPI. Verification is any call that checks the signature
(`stripe.webhooks.constructEvent`, `Webhook.construct_event`, `createHmac` + `timingSafeEqual`,
`hmac.compare_digest`, `@octokit/webhooks` `verify`, Svix `wh.verify`, `verifyRequestSignature`, a
helper named `verify…`). A file that verifies anywhere is trusted.

## Why is this bad?
A webhook URL is public. Without the signature check anyone can POST
`{"type": "checkout.session.completed"}` and get an order marked paid, a plan upgraded or a user
created. Behind a JSON parser the check can never pass, so teams "fix" it by removing the check,
or their webhooks fail and the provider retries until it gives up: lost payments.

## Example
```js
app.use(express.json());
app.post("/webhook", (req, res) => {
  const event = req.body;
  if (event.type === "checkout.session.completed") fulfil(event.data.object);
  res.sendStatus(200);
});
```

Use instead:
```js
app.post("/webhook", express.raw({ type: "application/json" }), (req, res) => {
  let event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], process.env.STRIPE_WEBHOOK_SECRET);
  } catch (err) {
    return res.status(400).send("Webhook signature verification failed");
  }
  ...
});
app.use(express.json());
```

## Fix safety
For an Express Stripe webhook the fix adds `express.raw({ type: "application/json" })` to that
route and, where the handler takes `req.body` as the event, verifies it with
`stripe.webhooks.constructEvent` and answers 400 when the signature is wrong (it needs
`STRIPE_WEBHOOK_SECRET`). It is unsafe: events without a valid signature are now rejected. Other
providers and Python apps get no automatic fix: use the provider's verification helper.

## References
- [Stripe: check the webhook signatures](https://docs.stripe.com/webhooks#verify-official-libraries)
- [GitHub: validating webhook deliveries](https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries)
- [Slack: verifying requests](https://api.slack.com/authentication/verifying-requests-from-slack)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import tree_sitter as ts

from prodlint.api import JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Applicability, FileContext, Finding, Rule, Scope, Severity
from prodlint.appmodel import js_imports
from prodlint.suppress import comments
from prodlint.syntax import file_search, indent_unit, quote_style, uses_semicolons

RULE = Rule(
    code="HOOK001",
    name="webhook-unverified",
    category="+",
    scope=Scope.FILE,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.ERROR,
    fix="verify the signature on the raw body (Stripe on Express)",
)

_JS = """
((call_expression
   function: (member_expression object: (_) @object property: (property_identifier) @method)
   arguments: (arguments . [(string) (template_string)] @path)) @route
 (#match? @method "^(post|all|put)$")
 (#match? @path "[Hh]ook"))
"""
QUERY = {lang: _JS for lang in (JAVASCRIPT, TYPESCRIPT, TSX)}
QUERY[PYTHON] = """
((decorated_definition
   (decorator (call function: (attribute attribute: (identifier) @method)
                    arguments: (argument_list . (string) @path)))
   definition: (function_definition) @handler) @route
 (#match? @method "^(route|post|api_route|put)$")
 (#match? @path "[Hh]ook"))
"""

_WEBHOOK_PATH = re.compile(r"(^|[/_.-])(web)?hooks?($|[/_.-])|webhook", re.I)
_PROVIDERS = (
    ("Stripe", re.compile(r"\bstripe\b|checkout\.session\.|payment_intent\.|customer\.subscription\.|invoice\.paid", re.I)),
    ("GitHub", re.compile(r"x-github-event|x-hub-signature|\bgithub\b|pull_request|workflow_run", re.I)),
    ("Slack", re.compile(r"x-slack|\bslack\b", re.I)),
    ("Shopify", re.compile(r"x-shopify|\bshopify\b", re.I)),
    ("Clerk", re.compile(r"\bsvix\b|\bclerk\b|user\.created", re.I)),
    ("Paddle", re.compile(r"\bpaddle\b", re.I)),
    ("Lemon Squeezy", re.compile(r"lemon-?squeezy|x-signature", re.I)),
    ("Twilio", re.compile(r"\btwilio\b", re.I)),
)
_VERIFIES = re.compile(r"constructEvent|construct_event|(?<!url_)verif|createHmac|timingSafeEqual|compare_digest|"
                       r"validateRequest|validate_request|hmac\.new|signature_valid|checkSignature|check_signature", re.I)
_JSON_PARSER = re.compile(r"^(express|bodyParser|bodyparser)\.json\(\s*(\{(?![^}]*\bverify\b)[^}]*\})?\s*\)$")
_RAW_BODY = re.compile(r"\.raw\(|rawBody|raw_body|express\.text\(|getRawBody|buffer\(req\)")
_EVENT_FROM_BODY = re.compile(r"^(const|let|var)\s+(?P<name>\w+)\s*=\s*req\.body\s*;?$")
_NEXT_ROUTE = re.compile(r"(^|/)(app/.*hook[^/]*/(.*/)?route|pages/api/(.*/)?[^/]*hook[^/]*)\.[cm]?[jt]sx?$", re.I)


def check(ctx: FileContext) -> Iterator[Finding]:
    if ctx.language == PYTHON:
        yield from _check_python(ctx)
        return
    relpath = ctx.relpath
    if (not relpath.isascii() or "hook" in relpath.lower()) and _NEXT_ROUTE.search(relpath):
        yield from _check_next_route(ctx)  # (every path `_NEXT_ROUTE` takes holds `hook`, in any case)
    verified: list[bool] = []  # whether the file verifies anywhere: read at the first webhook route
    for _, caps in ctx.matches:
        route, path = caps["route"][0], caps["path"][0]
        if not _WEBHOOK_PATH.search(ctx.text_of(path).strip("`'\"")):
            continue
        args = [a for a in route.child_by_field_name("arguments").named_children if a.type != "comment"]
        if len(args) < 2:
            continue
        handler = args[-1]
        if not _is_inline(handler):
            # A named handler: judged only when this file defines it (a controller imported from
            # elsewhere may verify there).
            handler = _local_function(ctx, ctx.text_of(handler))
            if handler is None:
                continue
        handler_text = " ".join(ctx.text_of(a) for a in args[:-1]) + " " + ctx.text_of(handler)
        provider = _provider(handler_text)
        if provider is None:
            continue
        receiver = ctx.text_of(caps["object"][0])
        if not verified:
            verified.append(_verifies(ctx))
        if not verified[0]:
            yield ctx.finding(route, f"{provider} webhook `{ctx.text_of(path)}` acts on the payload without "
                                     "verifying its signature: anyone can POST a forged event",
                              _stripe_fixes(ctx, args, handler, verifying=False) if provider == "Stripe" else [])
            continue
        if provider == "Stripe" and _behind_json_parser(ctx, route, args, receiver) \
                and not _RAW_BODY.search(handler_text):
            yield ctx.finding(route, f"Stripe webhook `{ctx.text_of(path)}` sits behind a JSON body parser: the raw "
                                     "body is gone, so the signature check fails on every real event",
                              _stripe_fixes(ctx, args, handler, verifying=True))


# Each alternative of `_VERIFIES` holds one of these, lower-cased: a file whose code holds none
# skips the regex (which costs milliseconds on a large file: it cannot jump to a literal).
_VERIFY_WORDS = ("constructevent", "construct_event", "verif", "createhmac", "timingsafeequal", "compare_digest",
                 "validaterequest", "validate_request", "hmac.new", "signature_valid", "checksignature",
                 "check_signature")


def _verifies(ctx: FileContext) -> bool:
    """Whether the file's code (its comments aside) verifies a signature somewhere."""
    code = _code_text(ctx)
    if code.isascii():  # `str.lower` and a case-insensitive match agree on ASCII only
        lowered = code.lower()
        if not any(word in lowered for word in _VERIFY_WORDS):
            return False
    return _VERIFIES.search(code) is not None


def _code_text(ctx: FileContext) -> str:
    """The file's text without its comments (a comment saying "verify" verifies nothing)."""
    text = ctx.text
    for comment in comments(ctx.language, ctx.source, ctx.tree):
        text = text.replace(comment.text, "", 1)
    return text


#: a word every match of each `_PROVIDERS` pattern holds (lower case): an ASCII text holding none
#: of them names no provider, found with one lower-casing and substring tests instead of a
#: case-insensitive scan per provider (tests/test_rule_prefilters.py)
_PROVIDER_WORDS = ("stripe", "checkout.session.", "payment_intent.", "customer.subscription.", "invoice.paid",
                   "github", "x-hub-signature", "pull_request", "workflow_run", "slack", "shopify", "svix", "clerk",
                   "user.created", "paddle", "squeezy", "x-signature", "twilio")


def _provider(text: str) -> str | None:
    if text.isascii():
        lowered = text.lower()
        if not any(word in lowered for word in _PROVIDER_WORDS):
            return None
    return next((name for name, pattern in _PROVIDERS if pattern.search(text)), None)


def _local_function(ctx: FileContext, name: str) -> ts.Node | None:
    """The function this file declares under `name` (`function name(…)`, `const name = (…) =>`)."""
    if not re.fullmatch(r"[A-Za-z_$][\w$]*", name):
        return None
    m = re.search(rf"\bfunction\s+{re.escape(name)}\s*\(|\b(const|let|var)\s+{re.escape(name)}\s*=\s*(async\s+)?"
                  rf"(function\b|\([^)]*\)\s*=>|\w+\s*=>)", ctx.text)
    if m is None or ctx.tree is None:
        return None
    start = len(ctx.text[:m.start()].encode())
    node = ctx.tree.root_node.descendant_for_byte_range(start, start)
    while node is not None and node.type not in ("function_declaration", "lexical_declaration", "variable_declaration"):
        node = node.parent
    return node


def _is_inline(node: ts.Node) -> bool:
    return node.type in ("arrow_function", "function_expression", "function")


def _behind_json_parser(ctx: FileContext, route: ts.Node, args: list[ts.Node], receiver: str) -> bool:
    """`receiver.use(express.json())` (no `verify` keeping the raw body) runs before this route, or
    the route itself parses JSON first."""
    if any(_JSON_PARSER.match(ctx.text_of(a)) for a in args[1:-1]):
        return True
    pattern = re.compile(rf"\b{re.escape(receiver)}\.use\(\s*((?:express|bodyParser|bodyparser)\.json\([^)]*\))\s*\)")
    for m in pattern.finditer(ctx.text[:_char_offset(ctx, route.start_byte)]):
        if _JSON_PARSER.match(m.group(1)):
            return True
    return False


def _char_offset(ctx: FileContext, byte: int) -> int:
    return len(ctx.source[:byte].decode("utf-8", "replace"))


def _stripe_fixes(ctx: FileContext, args: list[ts.Node], handler: ts.Node, verifying: bool):
    """Keep the raw body on this route and, when the handler takes `req.body` as the event, verify
    it: without both, an unverified handler would receive a Buffer and break."""
    imports = js_imports(ctx)
    parser = "express" if imports.get("express") == "express" else next(
        (name for name, module in imports.items() if module == "body-parser" and name and name[0] != " "), None)
    if parser is None:
        return []
    edits = []
    if not _RAW_BODY.search(" ".join(ctx.text_of(a) for a in args[1:-1])):
        q = quote_style(ctx)
        edits.append(ctx.insert(args[0].end_byte, f", {parser}.raw({{ type: {q}application/json{q} }})"))
    if not verifying:
        verify = _verify_edit(ctx, handler)
        if verify is None:
            return []
        edits.append(verify)
    if not edits:
        return []
    return [ctx.fix("Verify the Stripe signature on the raw body", Applicability.UNSAFE, *edits)]


_STRIPE_CLIENT = re.compile(r"\b(const|let|var)\s+(\w+)\s*=\s*(new\s+Stripe\(|require\(\s*['\"]stripe['\"]\s*\)\()")


def _verify_edit(ctx: FileContext, handler: ts.Node):
    """Replace `const event = req.body` with `stripe.webhooks.constructEvent(...)` in a try that
    answers 400 (needs the file's Stripe client and a `(req, res)` handler)."""
    body = handler.child_by_field_name("body") if _is_inline(handler) or handler.type == "function_declaration" else None
    if body is None or body.type != "statement_block":
        return None
    statement = next((s for s in body.named_children if _EVENT_FROM_BODY.match(ctx.text_of(s))), None)
    stripe = file_search(ctx, _STRIPE_CLIENT)
    params = handler.child_by_field_name("parameters")
    names = [ctx.text_of(p) for p in params.named_children] if params is not None else []
    if statement is None or stripe is None or len(names) < 2 or names[0] != "req":
        return None
    event = _EVENT_FROM_BODY.match(ctx.text_of(statement)).group("name")
    return ctx.replace(statement, _verify_block(ctx, statement, event, stripe.group(2), names[1]))


def _verify_block(ctx: FileContext, statement: ts.Node, event: str, stripe: str, res: str) -> str:
    ind, u, nl = ctx.indent_at(statement.start_byte), indent_unit(ctx), ctx.newline
    semi = ";" if uses_semicolons(ctx) else ""
    q = quote_style(ctx)
    cast = " as string" if ctx.language in (TYPESCRIPT, TSX) else ""
    return (f"let {event}{semi}{nl}{ind}try {{{nl}"
            f"{ind}{u}{event} = {stripe}.webhooks.constructEvent(req.body, req.headers[{q}stripe-signature{q}]{cast}, "
            f"process.env.STRIPE_WEBHOOK_SECRET{cast}){semi}{nl}"
            f"{ind}}} catch (err) {{{nl}"
            f"{ind}{u}return {res}.status(400).send({q}Webhook signature verification failed{q}){semi}{nl}"
            f"{ind}}}")


def _check_next_route(ctx: FileContext) -> Iterator[Finding]:
    # cheapest test first: the export regex starts with a literal, the provider and verify ones do not
    m = re.search(r"export\s+(async\s+)?function\s+POST\b|export\s+const\s+POST\b|export\s+default\s+(async\s+)?function",
                  ctx.text)
    if m is None:
        return
    provider = _provider(ctx.text)
    if provider is None or _verifies(ctx):
        return
    start = len(ctx.text[:m.start()].encode())
    yield ctx.finding(ctx.span_of(start, start + len(m.group(0).encode())),
                      f"{provider} webhook route handler acts on the payload without verifying its signature: anyone "
                      "can POST a forged event")


def _check_python(ctx: FileContext) -> Iterator[Finding]:
    verified: list[bool] = []  # whether the file verifies anywhere: read at the first webhook route
    for _, caps in ctx.matches:
        route, path, handler = caps["route"][0], caps["path"][0], caps["handler"][0]
        if not _WEBHOOK_PATH.search(ctx.text_of(path).strip("'\"")):
            continue
        decorator = ctx.text_of(route.named_children[0])
        if caps["method"][0].text == b"route" and "POST" not in decorator:
            continue
        provider = _provider(ctx.text_of(handler))
        if provider is None:
            continue
        if not verified:
            verified.append(_verifies(ctx))
        if verified[0]:
            return
        yield ctx.finding(route.named_children[0], f"{provider} webhook {ctx.text_of(path)} acts on the payload "
                                                   "without verifying its signature: anyone can POST a forged event")
