"""Rate limiting and paid-API facts: where a rate limiter applies (app-wide, on a path prefix, on
one route, or checked inside a handler), which functions call a paid API (LLMs, SMS and e-mail
senders) directly or through functions of the same file, which local-module functions a function
calls (so the project can follow a handler into a service module), and which function a route
names as its handler. JavaScript/TypeScript (Express, Fastify, Koa, Hono, NestJS, Next.js) and
Python (Flask-Limiter, slowapi, DRF throttles, django-ratelimit). Kinds: `rate_limit`,
`paid_api_call`, `paid_client`, `module_call`, `route_handler_ref` (see `prodlint.facts.kinds`).

`rate_limit` data: `scope` is "app" (applied with `use`/`register`/settings to `object`, on the
path `prefix`; "" is everything), "route" (a middleware, option or decorator of one route: the
fact lies inside the route's call or view) or "handler" (checked in code); `function` names the
function or `Class.method` holding it, for routes that name their handler."""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from itertools import chain

from prodlint.api import JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Fact, FileContext
from prodlint.appmodel import js_imports, py_imports
from prodlint.facts._build import sorted_fact
from prodlint.facts._scan import ancestors_of_type, folded_match, has, has_any, may_fold, positions
from prodlint.syntax import SCOPE_TYPES, node_index_of, string_content, unwrap_js, walk_types

TARGETS = (JAVASCRIPT, TYPESCRIPT, TSX, PYTHON)
RUNTIME = True  # describes the running app: not run on tests, scripts, examples (the engine skips them)

#: rate-limiting packages (package.json / requirements names, and the modules code imports)
LIMITER_PACKAGES = frozenset({
    "express-rate-limit", "express-slow-down", "rate-limiter-flexible", "@upstash/ratelimit", "@fastify/rate-limit",
    "fastify-rate-limit", "hono-rate-limiter", "koa-ratelimit", "koa2-ratelimit", "@nestjs/throttler",
    "express-brute", "express-limiter", "@arcjet/node", "@arcjet/next", "@arcjet/bun", "@unkey/ratelimit",
    "next-rate-limit", "@koa/ratelimit", "elysia-rate-limit", "@hono/rate-limiter",
    "flask-limiter", "flask_limiter", "slowapi", "django-ratelimit", "django_ratelimit", "fastapi-limiter",
    "fastapi_limiter", "djangorestframework-throttle",
})
#: a middleware, decorator or option whose name says it limits the request rate
LIMITER_NAME = re.compile(r"rate_?limit|limiter|throttl|slow_?down|brute|ratelimit", re.I)

#: JS module -> paid API it calls
PAID_JS = {
    "openai": "OpenAI", "@anthropic-ai/sdk": "Anthropic", "replicate": "Replicate",
    "@google/generative-ai": "Gemini", "@google/genai": "Gemini", "@google-cloud/vertexai": "Vertex AI",
    "cohere-ai": "Cohere", "groq-sdk": "Groq", "@mistralai/mistralai": "Mistral", "together-ai": "Together AI",
    "@ai-sdk/openai": "OpenAI", "@ai-sdk/anthropic": "Anthropic", "@ai-sdk/google": "Gemini", "@ai-sdk/groq": "Groq",
    "@ai-sdk/mistral": "Mistral", "@langchain/openai": "OpenAI", "@langchain/anthropic": "Anthropic",
    "elevenlabs": "ElevenLabs", "@elevenlabs/elevenlabs-js": "ElevenLabs",
    "twilio": "Twilio", "@sendgrid/mail": "SendGrid", "resend": "Resend", "mailgun.js": "Mailgun",
    "mailgun-js": "Mailgun", "postmark": "Postmark", "@vonage/server-sdk": "Vonage", "@aws-sdk/client-ses": "AWS SES",
    "@aws-sdk/client-sesv2": "AWS SES", "@aws-sdk/client-sns": "AWS SNS", "messagebird": "MessageBird",
    "@mailchimp/mailchimp_transactional": "Mailchimp", "plivo": "Plivo", "telnyx": "Telnyx",
}
#: the modules one of which a file imports when it names a paid client or calls the AI SDK
_PAID_JS_OR_AI = frozenset(PAID_JS) | {"ai"}
#: functions of the Vercel AI SDK (`ai`) that call the model
_AI_SDK_CALLS = {"generateText", "streamText", "generateObject", "streamObject", "embed", "embedMany",
                 "generateImage", "experimental_generateImage", "generateSpeech", "transcribe"}
#: Python top-level module -> paid API
PAID_PY = {
    "openai": "OpenAI", "anthropic": "Anthropic", "replicate": "Replicate", "google.generativeai": "Gemini",
    "google.genai": "Gemini", "cohere": "Cohere", "groq": "Groq", "mistralai": "Mistral", "together": "Together AI",
    "litellm": "LiteLLM", "langchain_openai": "OpenAI", "langchain_anthropic": "Anthropic", "elevenlabs": "ElevenLabs",
    "twilio": "Twilio", "sendgrid": "SendGrid", "resend": "Resend", "postmarker": "Postmark", "vonage": "Vonage",
    "messagebird": "MessageBird", "plivo": "Plivo", "mailchimp_transactional": "Mailchimp",
}
_BOTO_PAID = {"ses": "AWS SES", "sesv2": "AWS SES", "sns": "AWS SNS", "bedrock-runtime": "AWS Bedrock"}
#: calls on a paid client that only derive another object (no request is made)
_DERIVE = {"getGenerativeModel", "getModel", "client", "withOptions", "GenerativeModel", "Client", "chat", "bind",
           "withConfig", "with_options", "get_model"}
_ROUTE_METHODS = {"get", "post", "put", "patch", "delete", "del", "all", "head", "options"}
#: how a module of the project itself is named (`./x`, `../x`, `@/x`, `~/x`, `src/x`, `#x`)
_LOCAL_JS = ("./", "../", "@/", "~/", "src/", "#")
_PY_THIRD_PARTY = frozenset(set(sys.stdlib_module_names) | {
    "flask", "fastapi", "django", "starlette", "pydantic", "sqlalchemy", "rest_framework", "requests", "httpx",
    "werkzeug", "jinja2", "celery", "redis", "boto3", "botocore", "uvicorn", "gunicorn", "dotenv", "jwt",
    "flask_login", "flask_sqlalchemy", "flask_limiter", "slowapi", "typing_extensions", "numpy", "pandas",
})


def facts(ctx: FileContext) -> Iterator[Fact]:
    if ctx.tree is None or ctx.role.non_production:
        return
    if ctx.language == PYTHON:
        yield from _py_facts(ctx)
    else:
        yield from _js_facts(ctx)


# ------------------------------------------------------------------ shared: function names

def function_name(ctx: FileContext, node) -> str:
    """The name of the outermost named function holding `node`: a function declaration,
    `const f = () => …`, `exports.f = …`, an object's method; a class's method as `Class.method`
    (Python too). "" when none is named (an inline route handler)."""
    names, classes = _scope_above(ctx, node)
    if not names:
        return ""
    outer = names[-1]
    if len(names) >= 2 and outer in classes:
        return f"{outer}.{names[-2]}"
    return outer


_CLASSES = frozenset({"class_definition", "class_declaration", "class"})
_FUNCTIONS = frozenset({"arrow_function", "function_expression", "function"})
_DECLARED = frozenset({"function_declaration", "generator_function_declaration", "function_definition",
                       "class_definition", "method_definition"})
#: the node types that give a name (`_own_name`) or are a class: the others add nothing to a scope
_NAMING = _CLASSES | _FUNCTIONS | _DECLARED
_NO_SCOPE: tuple[tuple[str, ...], frozenset[str]] = ((), frozenset())


def _scope_above(ctx: FileContext, node) -> tuple[tuple[str, ...], frozenset[str]]:
    """The names the ancestors of `node` give (functions, methods, classes; innermost first) and
    the names of the classes among them: from the file's scopes (`_Scopes`), else (a node they
    cannot place) from its chain of ancestors (`_chain_scope_above`)."""
    memo = ctx.file._memo
    scopes: _Scopes | None = memo.get(_SCOPES_KEY, _UNSET)
    if scopes is _UNSET:
        scopes = memo[_SCOPES_KEY] = _Scopes.of(ctx)
    if scopes is not None:
        found = scopes.above(ctx, node)
        if found is not None:
            return found
    return _chain_scope_above(ctx, node)


_SCOPES_KEY = "prodlint.facts.limits.scopes"
_UNSET = object()


class _Scopes:
    """Every function, method and class of the file (`SCOPE_TYPES`, all held by the node index),
    in document order, each with the innermost one holding it: the names above a node are those
    of the innermost one that holds its bytes, and of those holding that one. Two nodes of a tree
    are nested or apart (a node's children never overlap), so a node that holds another's bytes
    and more is one of its ancestors; a node whose bytes one of them spans exactly, or an empty
    node, is left to the chain of ancestors."""

    __slots__ = ("nodes", "starts", "ends", "parents", "scopes")

    def __init__(self, nodes: list, starts: list[int], ends: list[int], parents: list[int]) -> None:
        self.nodes, self.starts, self.ends, self.parents = nodes, starts, ends, parents
        self.scopes: list[tuple[tuple[str, ...], frozenset[str]] | None] = [None] * len(nodes)

    @staticmethod
    def of(ctx: FileContext) -> _Scopes | None:
        """The file's scopes from its node index; None when two of them span the same bytes or one
        is empty (then which holds which is not told by the bytes)."""
        index = node_index_of(ctx)
        by_type = index.by_type
        picks = [by_type[kind] for kind in SCOPE_TYPES if kind in by_type]
        order = picks[0] if len(picks) == 1 else sorted(chain.from_iterable(picks))
        all_starts, all_nodes = index.starts, index.nodes
        starts = [all_starts[i] for i in order]
        ends = [all_nodes[i].end_byte for i in order]
        parents: list[int] = []
        open_: list[int] = []  # the scopes holding the current one, innermost last
        for at, (start, end) in enumerate(zip(starts, ends)):
            if start >= end:
                return None
            while open_ and ends[open_[-1]] <= start:
                open_.pop()  # ended before this one starts: apart
            if open_ and starts[open_[-1]] == start and ends[open_[-1]] == end:
                return None
            parents.append(open_[-1] if open_ else -1)
            open_.append(at)
        return _Scopes([all_nodes[i] for i in order], starts, ends, parents)

    def above(self, ctx: FileContext, node) -> tuple[tuple[str, ...], frozenset[str]] | None:
        """The scope above `node`; None when the bytes do not tell (see the class)."""
        start, end = node.start_byte, node.end_byte
        if start >= end:
            return None
        starts, ends, parents = self.starts, self.ends, self.parents
        at = bisect_right(starts, start) - 1  # the last scope starting at or before the node
        while at >= 0 and ends[at] < end:
            at = parents[at]  # ends before the node does: one holding it holds that one too
        if at < 0:
            return _NO_SCOPE
        if starts[at] == start and ends[at] == end:
            return None  # the node itself, or one spanning the same bytes: above or below?
        return self.scope(ctx, at)

    def scope(self, ctx: FileContext, at: int) -> tuple[tuple[str, ...], frozenset[str]]:
        """The names scope `at` and the scopes holding it give (each worked out once)."""
        known = self.scopes[at]
        if known is not None:
            return known
        line = [at]
        parents, scopes = self.parents, self.scopes
        while parents[line[-1]] >= 0 and scopes[parents[line[-1]]] is None:
            line.append(parents[line[-1]])
        outer = parents[line[-1]]
        scope = scopes[outer] if outer >= 0 else _NO_SCOPE
        for inner in reversed(line):
            node = self.nodes[inner]
            scope = scopes[inner] = _scope_step(ctx, node, node.type, _climber(node), scope)
        return scope


def _climber(node):
    """The ancestors of `node` by `.parent`, climbed as far as asked: `above(1)` is its parent."""
    line = [node]

    def above(steps: int):
        while len(line) <= steps:
            last = line[-1]
            line.append(last.parent if last is not None else None)
        return line[steps]

    return above


def _chain_scope_above(ctx: FileContext, node) -> tuple[tuple[str, ...], frozenset[str]]:
    """The scope above `node` from its ancestors, found from the root down (`child_with_descendant`),
    never by `.parent`, which itself searches down from the root on every call. The file keeps
    the last chain of ancestors with their scopes (`_Chain`): the nodes a file asks about come
    mostly in document order, so the next one shares most of it. A node of the chain that holds
    the asked node's bytes strictly (more bytes on one side at least; for an empty node, bytes on
    both sides) is one of its ancestors, as for `_Scopes`."""
    chain_: _Chain | None = ctx.file._memo.get(_CHAIN_KEY)
    if chain_ is None:
        chain_ = ctx.file._memo[_CHAIN_KEY] = _Chain(ctx, ctx.tree.root_node)
    target = node.id
    nodes = chain_.nodes
    if target == nodes[0].id:
        return _NO_SCOPE  # the root has no ancestor
    start, end = node.start_byte, node.end_byte
    starts, ends, scopes = chain_.starts, chain_.ends, chain_.scopes
    keep = len(nodes)  # the deepest node of the chain that holds `node`, from the innermost out
    if start < end:
        while keep > 1:
            above_start, above_end = starts[keep - 1], ends[keep - 1]
            if above_start <= start and end <= above_end and (above_start != start or above_end != end):
                break
            keep -= 1
    else:
        while keep > 1 and not starts[keep - 1] < start < ends[keep - 1]:
            keep -= 1
    if keep < len(nodes):
        del nodes[keep:], starts[keep:], ends[keep:], scopes[keep:]
    current, scope = nodes[-1], scopes[-1]
    while True:
        child = current.child_with_descendant(node)
        if child is None or child.id == target:
            return scope
        nodes.append(child)
        starts.append(child.start_byte)
        ends.append(child.end_byte)
        kind = child.type
        if kind in _NAMING:
            scope = _scope_step(ctx, child, kind, _in_chain(nodes, len(nodes) - 1), scope)
        scopes.append(scope)
        current = child


def _in_chain(nodes: list, at: int):
    """The ancestors of `nodes[at]` in a chain from the root: `above(1)` is its parent."""
    return lambda steps: nodes[at - steps] if at >= steps else None


_CHAIN_KEY = "prodlint.facts.limits.chain"


class _Chain:
    """The ancestors last climbed down to (root first), with their start and end bytes and the
    scope each gives (its own name and those above it)."""

    __slots__ = ("nodes", "starts", "ends", "scopes")

    def __init__(self, ctx: FileContext, root) -> None:
        self.nodes, self.starts, self.ends = [root], [root.start_byte], [root.end_byte]
        kind = root.type
        self.scopes = [_scope_step(ctx, root, kind, _in_chain(self.nodes, 0), _NO_SCOPE) if kind in _NAMING
                       else _NO_SCOPE]


def _scope_step(ctx: FileContext, current, kind: str, above, outer: tuple[tuple[str, ...], frozenset[str]]
                ) -> tuple[tuple[str, ...], frozenset[str]]:
    """The scope of `current` (of type `kind`), whose ancestors `above(n)` give `outer`."""
    if kind not in _NAMING:
        return outer
    names, classes = outer
    got = _own_name(ctx, kind, current, above)
    class_name = current.child_by_field_name("name") if kind in _CLASSES else None
    if got:
        names = (got, *names)
    elif kind in ("class_declaration", "class") and class_name is not None:
        names = (ctx.text_of(class_name), *names)
    if class_name is not None:
        classes = classes | {ctx.text_of(class_name)}
    return names, classes


def _own_name(ctx: FileContext, kind: str, node, above) -> str:
    """The name the node (of type `kind`) gives; `above(n)` is its n-th ancestor (None above the root)."""
    if kind in _DECLARED:
        return ctx.text_of(node.child_by_field_name("name"))
    if kind in _FUNCTIONS:
        up = 1
        parent = above(up)
        while parent is not None and parent.type in ("parenthesized_expression", "call_expression", "arguments"):
            if parent.type == "call_expression":
                grand = above(up + 1)
                if grand is not None and grand.type not in ("variable_declarator", "assignment_expression", "pair"):
                    return ""  # passed to a call: a callback, or a route handler
            up += 1
            parent = above(up)
        if parent is None:
            return ""
        if parent.type == "variable_declarator":
            return ctx.text_of(parent.child_by_field_name("name"))
        if parent.type == "pair":
            return ctx.text_of(parent.child_by_field_name("key")).strip("'\"")
        if parent.type == "assignment_expression":
            left = ctx.text_of(parent.child_by_field_name("left"))
            return "default" if left == "module.exports" else left.rpartition(".")[2]
        if parent.type == "export_statement":
            return "default"
    return ""


def _calls(ctx: FileContext, call_type: str) -> list:
    """Every call node of the file, in document order (read from the node index once per file)."""
    return ctx.memo(f"prodlint.facts.limits.calls.{call_type}",
                    lambda: list(walk_types(ctx.tree.root_node, {call_type}, ctx)))


def _names_limiter(ctx: FileContext) -> bool:
    """Whether `LIMITER_NAME` can match somewhere in the file (most files: no, by a few byte searches)."""
    return _limit_word(ctx, (b"ratelimit", b"rate_limit", b"limiter")) or has_any(ctx, (b"throttl", b"brute")) \
        or has(ctx, b"slow") and has_any(ctx, (b"slowdown", b"slow_down")) or folded_match(ctx, LIMITER_NAME)


def _limit_word(ctx: FileContext, words: tuple[bytes, ...]) -> bool:
    """Whether the file holds one of `words`, which all hold "limit" (most files do not)."""
    return has(ctx, b"limit") and has_any(ctx, words)


# ------------------------------------------------------------------ JavaScript / TypeScript

#: a call of a route method with a path first (`router.post("/chat", …)`, `axios.get("/x", …)`):
#: captured by the combined query, so finding route handlers walks no calls (comments may come
#: before the path: an anchored pattern would skip them)
_ROUTE_CALL = """((call_expression
   function: (member_expression property: (property_identifier) @method)
   arguments: [(arguments . [(string) (template_string)])
               (arguments . (comment)+ . [(string) (template_string)])]) @route_call
 (#any-of? @method "get" "post" "put" "patch" "delete" "del" "all" "head" "options"))"""
QUERY = {lang: _ROUTE_CALL for lang in (JAVASCRIPT, TYPESCRIPT, TSX)}


def _js_facts(ctx: FileContext) -> Iterator[Fact]:
    imports = js_imports(ctx)
    limiter_names = _js_limiter_bindings(ctx, imports) if not LIMITER_PACKAGES.isdisjoint(imports.values()) \
        else set()
    # every rate_limit fact of a call names a limiter, "rate-limit" (a Fastify plugin) or a word of LIMITER_NAME
    if limiter_names or _names_limiter(ctx) or _limit_word(ctx, (b"rate-limit",)):
        yield from _js_limiter_calls(ctx, imports, limiter_names)
    for name in ("ThrottlerGuard",):
        if imports.get(name) == "@nestjs/throttler":
            guard = _js_guard_use(ctx, name)
            if guard is not None:
                yield ctx.fact("rate_limit", guard, "@nestjs/throttler", scope="app", object="", prefix="",
                               function="")
    if limiter_names:
        yield from _js_plugin_exports(ctx, limiter_names)
    yield from _refusals(ctx)
    yield from _js_paid(ctx, imports)
    yield from _js_module_calls(ctx, imports)


def _js_limiter_calls(ctx: FileContext, imports: dict[str, str], limiter_names: set[str]) -> Iterator[Fact]:
    next_middleware = re.search(r"(^|/)(src/)?middleware\.[cm]?[jt]s$", ctx.relpath) is not None
    for call in _calls(ctx, "call_expression"):
        fn = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if fn is None or args is None:
            continue
        if fn.type == "member_expression":
            arg_nodes = [a for a in args.named_children if a.type != "comment"]
            obj, method = fn.child_by_field_name("object"), ctx.text_of(fn.child_by_field_name("property"))
            yield from _js_member(ctx, call, obj, method, arg_nodes, limiter_names, imports, next_middleware)


def _js_plugin_exports(ctx: FileContext, limiter_names: set[str]) -> Iterator[Fact]:
    """A module that exports a limiter plugin for an autoloader (`export default fastifyRateLimit`,
    `module.exports = fp(rateLimit)`): it applies app-wide."""
    for child in ctx.tree.root_node.named_children:
        value = None
        if child.type == "export_statement" and ctx.text_of(child).startswith("export default"):
            value = child.child_by_field_name("value") or child.child_by_field_name("declaration")
        elif child.type == "expression_statement" and child.named_children \
                and child.named_children[0].type == "assignment_expression" \
                and ctx.text_of(child.named_children[0].child_by_field_name("left")) == "module.exports":
            value = child.named_children[0].child_by_field_name("right")
        if value is None or value.type not in ("identifier", "call_expression"):
            continue
        names = {ctx.text_of(i) for i in walk_types(value, {"identifier"})}
        if names & limiter_names:
            yield ctx.fact("rate_limit", child, "custom", scope="app", object="", prefix="", function="")


_REFUSAL = re.compile(r"\b429\b|rate_?limit|too_?many_?requests|TooManyRequests|Too Many Requests", re.I)


#: a condition about a response or error (`err.status === 429`): reacting to someone else's limit
_UPSTREAM = re.compile(r"429|status|error|\berr\b|\be\.|exception|response|\bres\.", re.I)


#: what every `_REFUSAL` match holds in ASCII, lowercased
_TOO_MANY = (b"toomanyrequests", b"too_manyrequests", b"toomany_requests", b"too_many_requests", b"too many requests")
_REFUSAL_WORDS = (b"429", b"ratelimit", b"rate_limit", *_TOO_MANY)


def _refusals(ctx: FileContext) -> Iterator[Fact]:
    """A limit checked by hand in a handler: an `if` that refuses with 429 / a rate-limit error
    (`if (count > maxMessagesPerDay) return new ChatSDKError("rate_limit:chat")`,
    `raise HTTPException(status_code=429)`, `abort(429)`)."""
    if not (has(ctx, b"429") or _limit_word(ctx, (b"ratelimit", b"rate_limit"))
            or has(ctx, b"many") and has_any(ctx, _TOO_MANY)):
        return  # what a search of the bytes for those words (any case) finds
    if may_fold(ctx):
        candidates = walk_types(ctx.tree.root_node, {"if_statement"}, ctx)
    else:  # an `if` whose body refuses holds one of the words: the ifs around them
        candidates = ancestors_of_type(ctx, positions(ctx, _REFUSAL_WORDS), "if_statement")
    for node in candidates:
        body, condition = node.child_by_field_name("consequence"), node.child_by_field_name("condition")
        if body is None or condition is None or body.end_byte - body.start_byte > 600 \
                or not _REFUSAL.search(ctx.text_of(body)) or _UPSTREAM.search(ctx.text_of(condition)):
            continue
        yield ctx.fact("rate_limit", node, "custom", scope="handler", object="", prefix="",
                       function=function_name(ctx, node))


def _js_limiter_bindings(ctx: FileContext, imports: dict[str, str]) -> set[str]:
    """Names bound to a limiter: created from a rate-limiting package (`rateLimit({...})`,
    `new Ratelimit(...)`, `new RateLimiterRedis(...)`) or imported from one."""
    names = {n for n, m in imports.items() if n and not n.startswith(" ") and m in LIMITER_PACKAGES}
    for decl in walk_types(ctx.tree.root_node, {"variable_declarator"}, ctx):
        name, value = decl.child_by_field_name("name"), unwrap_js(decl.child_by_field_name("value"))
        if name is None or value is None or name.type != "identifier":
            continue
        if value.type in ("call_expression", "new_expression"):
            callee = value.child_by_field_name("function") or value.child_by_field_name("constructor")
            head = ctx.text_of(callee).split(".")[0] if callee is not None else ""
            if head in names or imports.get(head, "") in LIMITER_PACKAGES:
                names.add(ctx.text_of(name))
    return names


def _is_limiter(ctx: FileContext, node, limiter_names: set[str]) -> bool:
    text = ctx.text_of(node)
    head = re.split(r"[.(]", text, maxsplit=1)[0].strip()
    return head in limiter_names or bool(LIMITER_NAME.search(text if len(text) < 200 else text[:200]))


def _js_member(ctx: FileContext, call, obj, method: str, args, limiter_names: set[str],
               imports: dict[str, str], next_middleware: bool) -> Iterator[Fact]:
    obj_text = ctx.text_of(obj)
    if method == "use" and args:
        prefix = ""
        rest = args
        if args[0].type in ("string", "template_string"):
            prefix, rest = string_content(ctx, args[0]), args[1:]
        elif args[0].type == "array":
            prefix, rest = "", args[1:]
        if any(_is_limiter(ctx, a, limiter_names) for a in rest):
            yield ctx.fact("rate_limit", call, _library(ctx, rest, limiter_names, imports), scope="app",
                           object=obj_text, prefix=_static_prefix(prefix), function="")
        return
    if method == "register" and args:
        plugin = ctx.text_of(args[0])
        module = imports.get(plugin.split(".")[0], "")
        if module in ("@fastify/rate-limit", "fastify-rate-limit") or "rate-limit" in plugin:
            options = ctx.text_of(args[1]) if len(args) > 1 else ""
            if not re.search(r"\bglobal\s*:\s*false", options):
                yield ctx.fact("rate_limit", call, "@fastify/rate-limit", scope="app", object=obj_text, prefix="",
                               function="")
        return
    chained = obj.type == "call_expression" and obj_text.split("(")[0].endswith(".route")  # app.route("/x").post(…)
    if method in _ROUTE_METHODS and (chained or len(args) >= 2 and args[0].type in ("string", "template_string")):
        path = "" if chained else string_content(ctx, args[0])
        for arg in args[:-1] if chained else args[1:-1]:  # route middlewares and options (`{ config: { rateLimit } }`)
            if _is_limiter(ctx, arg, limiter_names):
                yield ctx.fact("rate_limit", arg, _library(ctx, [arg], limiter_names, imports), scope="route",
                               object=obj_text, prefix=path, function="")
        return
    if method == "route" and args and args[0].type == "object":  # fastify.route({ config: { rateLimit } })
        for pair in args[0].named_children:
            key = pair.child_by_field_name("key") if pair.type == "pair" else None
            if key is not None and ctx.text_of(key).strip("'\"") in ("config", "preHandler", "onRequest") \
                    and _is_limiter(ctx, pair.child_by_field_name("value"), limiter_names):
                yield ctx.fact("rate_limit", pair, "@fastify/rate-limit", scope="route", object=obj_text, prefix="",
                               function="")
        return
    if method in ("limit", "consume", "blockEffective", "protect", "check") and _is_limit_check(ctx, obj, method,
                                                                                                limiter_names):
        scope = "app" if next_middleware else "handler"
        yield ctx.fact("rate_limit", call, _library(ctx, [obj], limiter_names, imports), scope=scope,
                       object="", prefix="", function=function_name(ctx, call))


def _is_limit_check(ctx: FileContext, obj, method: str, limiter_names: set[str]) -> bool:
    """`ratelimit.limit(id)` (Upstash), `limiter.consume(key)` (rate-limiter-flexible),
    `aj.protect(req)` (Arcjet): a limit checked in code."""
    head = ctx.text_of(obj).split(".")[0]
    if method == "protect":
        return head in limiter_names and "arcjet" in ctx.text.lower()
    return head in limiter_names or bool(LIMITER_NAME.search(ctx.text_of(obj)))


def _library(ctx: FileContext, nodes, limiter_names: set[str], imports: dict[str, str]) -> str:
    for node in nodes:
        head = re.split(r"[.(]", ctx.text_of(node), maxsplit=1)[0].strip()
        module = imports.get(head, "")
        if module in LIMITER_PACKAGES:
            return module
    packages = sorted({m for m in imports.values() if m in LIMITER_PACKAGES})
    return packages[0] if packages else "custom"


def _static_prefix(prefix: str) -> str:
    """`/api/*`, `/api/(.*)`, `*` -> the literal path part (`/api`, ``)."""
    prefix = re.split(r"[*(:\[]", prefix, maxsplit=1)[0]
    return prefix.rstrip("/")


def _js_guard_use(ctx: FileContext, name: str):
    """A place that binds the throttler guard: `{ provide: APP_GUARD, useClass: ThrottlerGuard }`,
    `@UseGuards(ThrottlerGuard)`, `app.useGlobalGuards(...)`."""
    for ident in walk_types(ctx.tree.root_node, {"identifier"}, ctx):
        if ctx.text_of(ident) != name or ident.parent is None or ident.parent.type in ("import_specifier",):
            continue
        if ident.parent.type in ("pair", "arguments", "new_expression", "class_heritage", "extends_clause"):
            return ident.parent
    return None


def _js_paid(ctx: FileContext, imports: dict[str, str]) -> Iterator[Fact]:
    """`paid_api_call` facts: direct calls on a paid client, then functions of this file that call
    such a function (to a fixed point)."""
    if _PAID_JS_OR_AI.isdisjoint(imports.values()):
        return  # no client below is named without a paid module or `ai` imported (most files)
    clients: dict[str, str] = {n: PAID_JS[m] for n, m in imports.items()
                               if m in PAID_JS and n and not n.startswith(" ")}
    ai_sdk = {n for n, m in imports.items() if m == "ai" and n in _AI_SDK_CALLS}
    if not clients and not ai_sdk:
        return
    bindings = _js_bindings(ctx)
    for _ in range(3):  # instances and derived objects: new OpenAI(), genAI.getGenerativeModel(), twilio(sid, tok)
        known = len(clients)
        for decl in bindings:
            name = decl.child_by_field_name("name") or decl.child_by_field_name("left") \
                or decl.child_by_field_name("property")
            value = unwrap_js(decl.child_by_field_name("value") or decl.child_by_field_name("right"))
            if name is None or value is None or value.type not in ("call_expression", "new_expression"):
                continue
            callee = value.child_by_field_name("function") or value.child_by_field_name("constructor")
            text = ctx.text_of(callee) if callee is not None else ""
            head = text.split(".")[0].split("(")[0]
            provider = clients.get(head) or PAID_JS.get(_required_module(ctx, callee))
            key = ctx.text_of(name).removeprefix("this.")
            if provider and key not in clients:
                clients[key] = provider
                if decl.type == "variable_declarator" and _top_level(decl):
                    yield ctx.fact("paid_client", decl, provider, name=key)
        if len(clients) == known:
            break  # a pass that names no new client: the next one would see the same names
    for child in ctx.tree.root_node.named_children:  # export default openai
        value = child.child_by_field_name("value") if child.type == "export_statement" else None
        if value is not None and value.type == "identifier" and ctx.text_of(value) in clients \
                and ctx.text_of(value) not in imports:
            yield ctx.fact("paid_client", child, clients[ctx.text_of(value)], name="default")
    calls = _calls(ctx, "call_expression")
    direct = []
    for call in calls:
        fn = call.child_by_field_name("function")
        text = ctx.text_of(fn).removeprefix("this.") if fn is not None else ""
        head, _, rest = text.partition(".")
        provider = None
        if text in ai_sdk:
            provider = "AI model"
        elif rest and head in clients and text.rpartition(".")[2] not in _DERIVE:
            provider = clients[head]
        if provider is None:
            continue
        direct.append((call, provider))
    yield from _propagate(ctx, direct, calls)


_BINDING_TYPES = frozenset({"variable_declarator", "public_field_definition", "assignment_expression"})


@lru_cache(maxsize=None)
def _bindings_query(language: str):
    """A query capturing every node of `_BINDING_TYPES` the grammar has (None when one of them
    is also an anonymous node there: a query pattern would not see it)."""
    from prodlint.parsing import compile_query, grammar

    lang = grammar(language)
    if any(lang.id_for_node_kind(t, False) is not None for t in _BINDING_TYPES):
        return None
    valid = sorted(t for t in _BINDING_TYPES if lang.id_for_node_kind(t, True) is not None)
    return compile_query(language, "[" + " ".join(f"({t})" for t in valid) + "] @b") if valid else None


def _js_bindings(ctx: FileContext) -> list:
    """Every variable declarator, class field and assignment of the file, in document order:
    found by a query (the walk in Python over every node of the file cost more than the paid-API
    facts themselves); walked in a tree with syntax errors or when two of them share their bytes."""
    import tree_sitter as ts

    root = ctx.tree.root_node
    query = _bindings_query(ctx.language)
    if query is not None and not root.has_error:
        nodes = ts.QueryCursor(query).captures(root).get("b", [])
        keys = sorted((n.start_byte, -n.end_byte, i) for i, n in enumerate(nodes))
        if all(a[:2] != b[:2] for a, b in zip(keys, keys[1:])):
            return [nodes[i] for _, _, i in keys]
    return list(walk_types(root, _BINDING_TYPES, ctx))


def _top_level(decl) -> bool:
    statement = decl.parent
    if statement is not None and statement.parent is not None and statement.parent.type == "export_statement":
        statement = statement.parent
    return statement is not None and statement.parent is not None and statement.parent.type == "program"


def _required_module(ctx: FileContext, callee) -> str:
    """The module of a callee that starts with `require("m")` (`require("twilio")(sid, token)`)."""
    node = callee
    while node is not None and node.type == "member_expression":
        node = node.child_by_field_name("object")
    if node is None or node.type != "call_expression" or ctx.text_of(node.child_by_field_name("function")) != "require":
        return ""
    args = [a for a in node.child_by_field_name("arguments").named_children if a.type != "comment"]
    return string_content(ctx, args[0]) if args and args[0].type == "string" else ""


def _propagate(ctx: FileContext, direct, calls) -> Iterator[Fact]:
    """Emit the direct paid calls, then calls of same-file functions that (transitively) make one."""
    paid: dict[str, str] = {}
    for call, provider in direct:
        name = function_name(ctx, call)
        yield ctx.fact("paid_api_call", call, provider, function=name)
        if name:
            paid.setdefault(name, provider)
    seen: set[tuple[int, int]] = set()
    for _ in range(4):
        grew = False
        for call in calls:
            fn = call.child_by_field_name("function")
            if fn is None:
                continue
            text = ctx.text_of(fn).removeprefix("this.").removeprefix("self.")
            if text not in paid or (call.start_byte, call.end_byte) in seen:
                continue
            seen.add((call.start_byte, call.end_byte))
            name = function_name(ctx, call)
            yield ctx.fact("paid_api_call", call, paid[text], function=name)
            if name and name not in paid:
                paid[name] = paid[text]
                grew = True
        if not grew:
            break


def _calls_starting_with(ctx: FileContext, call_type: str, names: list[str]) -> list:
    """The calls whose text may start with one of `names`, in document order (a superset: `dbx()`
    for `db`): a call's callee starts where the call does (but in a tree with syntax errors).
    Read from the node index, each call's start from its list of starts (asking a node costs
    more), in one comprehension: most files have a few calls of a few local names."""
    if not names:
        return []
    index = node_index_of(ctx)
    positions = index.by_type.get(call_type)
    if not positions:
        return []  # (the node index is what `_calls` lists)
    nodes = index.nodes
    if "\ufffd" in "".join(names):  # not the file's bytes: look at every call
        return [nodes[i] for i in positions]
    wanted = tuple([name.encode("utf-8") for name in names])
    starts, startswith = index.starts, ctx.source.startswith
    if ctx.tree.root_node.has_error:
        return [nodes[i] for i in positions if startswith(wanted, starts[i]) or nodes[i].has_error]
    return [nodes[i] for i in positions if startswith(wanted, starts[i])]


def _js_module_calls(ctx: FileContext, imports: dict[str, str]) -> Iterator[Fact]:
    """Calls of functions imported from local modules (`aiService.complete()`, `summarize()`), for
    following a handler into a service module."""
    local = [name for name, module in imports.items() if module.startswith(_LOCAL_JS) and name
             and not name.startswith(" ")]
    for call in _calls_starting_with(ctx, "call_expression", local):
        fn = call.child_by_field_name("function")
        if fn is None or fn.type not in ("identifier", "member_expression"):
            continue
        text = ctx.text_of(fn)
        head = text.split(".")[0]
        module = imports.get(head, "")
        if not module.startswith(_LOCAL_JS):
            continue
        yield sorted_fact(ctx, "module_call", call, text.rpartition(".")[2], (
            ("function", function_name(ctx, call)), ("module", module), ("object", head if "." in text else "")))
    yield from _js_handler_refs(ctx, imports)


def _js_handler_refs(ctx: FileContext, imports: dict[str, str]) -> Iterator[Fact]:
    """The function a route names as its handler (`router.post("/chat", chat.create)`,
    `asyncHandler(generate)`), for following it into another file."""
    if not ctx.matches:
        return  # every handler named is a route call's argument
    captured = {}
    for call in ctx.captures("route_call"):
        args = call.child_by_field_name("arguments")
        if args is not None and args.named_child_count >= 2:  # a path and a handler (and comments)
            captured[call.id] = call  # most are `.get("key")` of a map, a header or a parameter
    for call in sorted(captured.values(), key=lambda c: (c.start_byte, -c.end_byte)):
        fn = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if fn is None or args is None or fn.type != "member_expression" \
                or ctx.text_of(fn.child_by_field_name("property")) not in _ROUTE_METHODS:
            continue
        arg_nodes = [a for a in args.named_children if a.type != "comment"]
        if len(arg_nodes) < 2 or arg_nodes[0].type not in ("string", "template_string"):
            continue
        handler = unwrap_js(arg_nodes[-1])
        while handler is not None and handler.type == "call_expression":  # asyncHandler(generate)
            inner = [a for a in handler.child_by_field_name("arguments").named_children if a.type != "comment"]
            handler = inner[0] if len(inner) == 1 else None
        if handler is None or handler.type not in ("identifier", "member_expression"):
            continue
        text = ctx.text_of(handler)
        module = imports.get(text.split(".")[0], "")
        yield ctx.fact("route_handler_ref", call, text.rpartition(".")[2], module=module)


# ------------------------------------------------------------------ Python

def _py_facts(ctx: FileContext) -> Iterator[Fact]:
    imports = py_imports(ctx)
    modules = set(imports.values())
    limiter_modules = ("flask_limiter", "slowapi", "django_ratelimit", "ratelimit", "fastapi_limiter",
                       "rest_framework.throttling", "rest_framework.decorators.throttle_classes")
    uses_limiter = any(m.startswith(limiter_modules) for m in modules)
    # what the calls below need (`FastAPILimiter.init` holds "limit": the search of the lowered
    # bytes every file gets rules it out first)
    if uses_limiter or has(ctx, b"limit") and b"FastAPILimiter.init" in ctx.source:
        for call in _calls(ctx, "call"):
            callee = ctx.text_of(call.child_by_field_name("function"))
            short = callee.rpartition(".")[2]
            module = imports.get(callee.split(".")[0], "")
            if short == "Limiter" and module.startswith(("flask_limiter", "slowapi")):
                args = ctx.text_of(call.child_by_field_name("arguments"))
                if re.search(r"default_limits\s*=\s*\[\s*\S", args) \
                        or re.search(r"application_limits\s*=\s*\[\s*\S", args):
                    yield ctx.fact("rate_limit", call, module.split(".")[0], scope="app", object="", prefix="",
                                   function="")
            elif callee in ("FastAPILimiter.init",) or short in ("is_ratelimited", "hit") and uses_limiter:
                yield ctx.fact("rate_limit", call, module.split(".")[0] or "custom", scope="handler", object="",
                               prefix="", function=function_name(ctx, call))
    for deco in _py_limiter_decorators(ctx):
        text = ctx.text_of(deco)
        if LIMITER_NAME.search(text) and not re.search(r"\.exempt\b", text):
            holder = deco.parent
            definition = holder.child_by_field_name("definition") if holder is not None else None
            name = ctx.text_of(definition.child_by_field_name("name")) if definition is not None else ""
            yield ctx.fact("rate_limit", deco, _py_library(text, modules), scope="route", object="", prefix="",
                           function=function_name(ctx, deco) or name)
    # each key holds "throttl" or "limit" in some case: the lowercase searches (the second is
    # asked by `_refusals` anyway) rule out most files before the three searches for the keys
    keyed = (has(ctx, b"limit") or has(ctx, b"throttl")) \
        and any(key in ctx.source for key in _SETTING_KEYS)
    settings = walk_types(ctx.tree.root_node, {"assignment", "pair"}, ctx) if keyed else ()
    for assign in settings:
        left = assign.child_by_field_name("left") or assign.child_by_field_name("key")
        right = assign.child_by_field_name("right") or assign.child_by_field_name("value")
        if left is None or right is None:
            continue
        key = ctx.text_of(left).strip("'\"")
        empty = ctx.text_of(right).replace(" ", "") in ("[]", "()", "None", "{}")
        if key in ("DEFAULT_THROTTLE_CLASSES", "RATELIMIT_DEFAULT") and not empty:
            yield ctx.fact("rate_limit", assign, "djangorestframework" if "THROTTLE" in key else "flask-limiter",
                           scope="app", object="", prefix="", function="")
        elif key == "throttle_classes" and not empty:
            yield ctx.fact("rate_limit", assign, "djangorestframework", scope="route", object="", prefix="",
                           function=function_name(ctx, assign))
    yield from _refusals(ctx)
    yield from _py_paid(ctx, imports)
    yield from _py_module_calls(ctx, imports)


#: the settings keys that apply a limit (DRF throttles, Flask-Limiter's default)
_SETTING_KEYS = (b"THROTTLE_CLASSES", b"RATELIMIT_DEFAULT", b"throttle_classes")


def _py_limiter_decorators(ctx: FileContext) -> Iterator:
    """The decorators that may name a limiter, in document order: none in a file without a word
    of LIMITER_NAME; else those of the decorated definitions the node index holds (a decorator
    sits nowhere else, but in a tree with syntax errors: walk it then)."""
    if b"@" not in ctx.source or not _names_limiter(ctx):
        return
    root = ctx.tree.root_node
    if root.has_error:
        yield from walk_types(root, {"decorator"}, ctx)
        return
    for definition in walk_types(root, {"decorated_definition"}, ctx):
        for child in definition.children:
            if child.type == "decorator":
                yield child


def _py_library(text: str, modules: set[str]) -> str:
    for prefix, name in (("flask_limiter", "flask-limiter"), ("slowapi", "slowapi"), ("django_ratelimit", "django-ratelimit"),
                         ("ratelimit", "django-ratelimit"), ("rest_framework", "djangorestframework")):
        if any(m.startswith(prefix) for m in modules):
            return name
    return "custom"


def _py_paid(ctx: FileContext, imports: dict[str, str]) -> Iterator[Fact]:
    clients: dict[str, str] = {}
    for name, module in imports.items():
        provider = _py_paid_provider(module)
        if provider is not None:
            clients[name] = provider
    boto = {n for n, m in imports.items() if m in ("boto3", "boto3.client")}
    if not clients and not boto:
        return
    for _ in range(3):
        known = len(clients)
        for assign in walk_types(ctx.tree.root_node, {"assignment"}, ctx):
            left, right = assign.child_by_field_name("left"), assign.child_by_field_name("right")
            if left is None or right is None:
                continue
            while right.type == "await" and right.named_children:
                right = right.named_children[0]
            if right.type != "call":
                continue
            callee = ctx.text_of(right.child_by_field_name("function"))
            head = callee.split(".")[0]
            key = ctx.text_of(left).removeprefix("self.")
            provider = clients.get(head)
            if provider is None and head in boto and callee.endswith("client"):
                args = right.child_by_field_name("arguments")
                first = args.named_children[0] if args is not None and args.named_children else None
                provider = _BOTO_PAID.get(string_content(ctx, first)) if first is not None and first.type == "string" else None
            if provider and key not in clients:
                clients[key] = provider
                if assign.parent is not None and assign.parent.parent is not None \
                        and assign.parent.parent.type == "module":
                    yield ctx.fact("paid_client", assign, provider, name=key)
        if len(clients) == known:
            break  # a pass that names no new client: the next one would see the same names
    calls = _calls(ctx, "call")
    direct = []
    for call in calls:
        callee = ctx.text_of(call.child_by_field_name("function")).removeprefix("self.")
        head, _, rest = callee.partition(".")
        short = callee.rpartition(".")[2]
        module = imports.get(callee, "")
        if head in clients and (rest and short not in _DERIVE and not short[:1].isupper()
                                or module.startswith("litellm") and short in ("completion", "acompletion", "embedding")):
            direct.append((call, clients[head]))
    yield from _propagate(ctx, direct, calls)


#: the first names of the `PAID_PY` modules (`google` for `google.genai`)
_PAID_PY_FIRST_NAMES = frozenset(m.partition(".")[0] for m in PAID_PY)


@lru_cache(maxsize=4096)
def _py_paid_provider(module: str) -> str | None:
    """The paid API of a module that is a `PAID_PY` module or below one (the same few modules
    recur in every file). No `PAID_PY` module is below another, so at most one matches; a module
    whose first name begins none of them (most imports) is ruled out by that name alone."""
    if module.partition(".")[0] not in _PAID_PY_FIRST_NAMES:
        return None
    for paid_module, provider in PAID_PY.items():
        if module == paid_module or module.startswith(paid_module + "."):
            return provider
    return None


#: paid API modules below a package that is not one (`google.genai`): the others are ruled out by their first name
_PAID_PY_NESTED = tuple(m for m in PAID_PY if "." in m)


@lru_cache(maxsize=4096)
def _py_local_module(module: str) -> bool:
    """A module of the project itself (not the standard library, a known package or a paid API)."""
    if not module or module.split(".")[0] in _PY_THIRD_PARTY or module.split(".")[0] in PAID_PY:
        return False
    return not any(module == m or module.startswith(m + ".") for m in _PAID_PY_NESTED)


def _py_module_calls(ctx: FileContext, imports: dict[str, str]) -> Iterator[Fact]:
    local = [name for name, module in imports.items() if _py_local_module(module)]
    for call in _calls_starting_with(ctx, "call", local):
        callee = ctx.text_of(call.child_by_field_name("function"))
        head = callee.split(".")[0]
        module = imports.get(head, "")
        if not _py_local_module(module):
            continue
        yield sorted_fact(ctx, "module_call", call, callee.rpartition(".")[2], (
            ("function", function_name(ctx, call)), ("module", module), ("object", head if "." in callee else "")))
    if ctx.path.endswith("urls.py"):
        for call in _calls(ctx, "call"):
            callee = ctx.text_of(call.child_by_field_name("function"))
            args = call.child_by_field_name("arguments")
            if callee not in ("path", "re_path", "url") or args is None or len(args.named_children) < 2:
                continue
            view = args.named_children[1]
            text = re.sub(r"\.as_view\(.*$", "", ctx.text_of(view), flags=re.S)
            if not re.match(r"^[\w.]+$", text):
                continue
            head = text.split(".")[0]
            yield ctx.fact("route_handler_ref", call, text.rpartition(".")[2], module=imports.get(head, ""))
