"""
## What it does
Flags outbound HTTP calls that can wait forever: Python `requests` calls (module functions and
`Session` methods) without `timeout=`, `urllib.request.urlopen()` without a timeout, `httpx`
with `timeout=None`; in JavaScript/TypeScript server code, `axios.create()` without a `timeout`
and direct `axios` calls with none (unless the file sets `axios.defaults.timeout`), and `fetch()`
to another service without a `signal`.

Calls that pass their options through a variable or `**kwargs` are left alone (the timeout may be
in there), as are browser code, tests and scripts. `fetch` is only judged in server code (a file
that imports a server framework or holds `(req, res)` handlers, a file under `server/`, `routes/`,
`controllers/`, `handlers/`, `middleware/`, a Next.js route handler or API route, a `"use server"`
module).

## Why is this bad?
`requests`, `urlopen` and axios have no timeout by default, and Node's `fetch` waits minutes. When
the other service hangs (and one day it will), every request that calls it hangs too, holding a
worker, a socket and memory, until the server stops answering anything: one slow dependency
becomes a full outage.

## Example
```python
resp = requests.get(f"{BILLING_URL}/invoices/{invoice_id}")
```

Use instead:
```python
resp = requests.get(f"{BILLING_URL}/invoices/{invoice_id}", timeout=10)
```

## Fix safety
The fix adds a 10-second timeout: `timeout=10`, `timeout: 10_000` for axios, `signal:
AbortSignal.timeout(10_000)` for `fetch` (Node 17.3+). It is unsafe: a call that legitimately takes
longer (a large upload, a slow report) will now fail; raise the value where that is expected.

## References
- [Requests: timeouts](https://requests.readthedocs.io/en/latest/user/advanced/#timeouts)
- [axios: request config `timeout`](https://axios-http.com/docs/req_config)
- [MDN: AbortSignal.timeout()](https://developer.mozilla.org/en-US/docs/Web/API/AbortSignal/timeout_static)
- [Bandit B113: request without timeout](https://bandit.readthedocs.io/en/latest/plugins/b113_request_without_timeout.html)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import tree_sitter as ts

from prodlint.api import JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Applicability, FileContext, Finding, Rule, Scope, Severity
from prodlint.appmodel import js_imports, py_imports
from prodlint.bytesearch import ASCII_WORD_BYTES
from prodlint.syntax import indent_unit

RULE = Rule(
    code="NET001",
    name="outbound-call-without-timeout",
    category="+",
    scope=Scope.FILE,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.WARNING,
    fix="add a 10-second timeout",
)

_JS = """
((call_expression function: (identifier) @fn arguments: (arguments) @args) @call
 (#any-of? @fn "axios" "fetch" "nodeFetch"))
((call_expression function: (member_expression object: (identifier) @_object property: (property_identifier) @_method)
                  @fn
                  arguments: (arguments) @args) @call
 (#eq? @_object "axios")
 (#any-of? @_method "create" "get" "post" "put" "patch" "delete" "head" "options" "request"))
"""
# The callee is matched by its parts, never by a regex over its text: a predicate on
# `function: (_)` reads every call's callee (chains included) and costs a large part of the query.
QUERY = {lang: _JS for lang in (JAVASCRIPT, TYPESCRIPT, TSX)}
QUERY[PYTHON] = """
((call function: [(identifier) @_last (attribute attribute: (identifier) @_last)] @fn
       arguments: (argument_list) @args) @call
 (#any-of? @_last "get" "post" "put" "patch" "delete" "head" "options" "request" "urlopen" "Client" "AsyncClient"))
"""

_REQUESTS_VERBS = {"get", "post", "put", "patch", "delete", "head", "options", "request"}
_AXIOS_CONFIG_INDEX = {"get": 1, "delete": 1, "head": 1, "options": 1, "post": 2, "put": 2, "patch": 2, "request": 0}
_SERVER_MODULES = re.compile(r"^(express|fastify|koa|hono|@hono/|@nestjs/|next/server|http|node:http|restify|"
                             r"@hapi/hapi|polka|@remix-run/node|@sveltejs/kit|h3|elysia)")
_NEXT_SERVER_FILE = re.compile(r"(^|/)(app/.*route\.[cm]?[jt]sx?|pages/api/.*)$|^api/")
_SERVER_DIR = re.compile(r"(^|/)(server|routes|controllers|handlers|middlewares?|backend)/")
_HANDLER_SIGNATURE = re.compile(r"\(\s*req\b[^()]*,\s*res\b")
_RELATIVE = re.compile(r"^[`'\"]/(?!/)")
_TIMEOUT_MS = "10_000"


#: every finding `check` makes on a language of QUERY is a match of it: the engine skips a file without one
FINDINGS_FROM_MATCHES = True


def check(ctx: FileContext) -> Iterator[Finding]:
    if not ctx.matches:
        return  # no call to judge: skip the whole-file imports (a keystroke re-lints a region)
    if ctx.language == PYTHON:
        yield from _check_python(ctx)
    elif not ctx.role.client:
        yield from _check_js(ctx)


# ------------------------------------------------------------------ Python

def _check_python(ctx: FileContext) -> Iterator[Finding]:
    if not _may_import_http(ctx.source) or not any(
            _may_be_http_call(ctx, fn) for fn in {ctx.text_of(caps["fn"][0]) for _, caps in ctx.matches}):
        return  # `x.get(...)` is everywhere: resolve imports (a whole-file walk) only for likely calls
    imports = py_imports(ctx)
    sessions = _requests_sessions(ctx, imports)
    for _, caps in ctx.matches:
        fn, args = caps["fn"][0], caps["args"][0]
        target = _resolve_py(ctx.text_of(fn), imports)
        keywords = {ctx.text_of(k.child_by_field_name("name")): k
                    for k in args.named_children if k.type == "keyword_argument"}
        if any(a.type == "dictionary_splat" for a in args.named_children):
            continue
        fn_text = ctx.text_of(fn)
        if target.startswith("httpx."):
            timeout = keywords.get("timeout")
            if timeout is not None and ctx.text_of(timeout.child_by_field_name("value")) == "None":
                value = timeout.child_by_field_name("value")
                fix = ctx.fix("Set a 10-second timeout", Applicability.UNSAFE, ctx.replace(value, "10"))
                yield ctx.finding(timeout, f"`{fn_text}(timeout=None)` waits forever when the other service hangs",
                                  [fix])
            continue
        if "timeout" in keywords:
            continue
        verb = target.rsplit(".", 1)[-1]
        if target in {f"requests.{v}" for v in _REQUESTS_VERBS} or (
                verb in _REQUESTS_VERBS and fn.type == "attribute"
                and ctx.text_of(fn.child_by_field_name("object")) in sessions):
            what = f"`{fn_text}()` has no timeout: when the other service hangs, this request hangs with it"
            yield ctx.finding(fn, what, [_py_add_keyword(ctx, args)])
        elif target == "urllib.request.urlopen" and len([a for a in args.named_children if a.type != "comment"]) < 3:
            what = f"`{fn_text}()` has no timeout: when the other service hangs, this request hangs with it"
            yield ctx.finding(fn, what, [_py_add_keyword(ctx, args)])


_HTTP_MODULES = re.compile(rb"\b(requests|httpx|urllib)\b")


def _may_import_http(source: bytes) -> bool:
    """`_HTTP_MODULES` found in `source`, its literal words looked for first (far cheaper than
    the regex, and most files hold none)."""
    return (b"requests" in source or b"httpx" in source or b"urllib" in source) \
        and _HTTP_MODULES.search(source) is not None


def _may_be_http_call(ctx: FileContext, fn_text: str) -> bool:
    """A cheap textual test: the callee's head is imported, or its object is bound to a Session.
    Each is a search of the whole file, kept per head and per object: a file calls thousands of
    `self.…` and `app.…`, and searching again for each callee made large files quadratic."""
    head, _, _ = fn_text.partition(".")
    obj = fn_text.rsplit(".", 1)[0]
    if _imported(ctx, head):
        return True
    return obj != fn_text and ctx.memo(f"outbound_call_without_timeout.session:{obj}",
                                       lambda: _bound_to_session(ctx.source, obj))


#: an import line (`import a, b`, `from x import a as b`) from its start: the words after `import`
#: are the names it may bind; and a parenthesised list (`from x import (\n a,\n b)`) from its
#: `import`, which may span lines
_IMPORT_LINE = re.compile(rb"[ \t]*(?:from[ \t]+\S+[ \t]+)?import\b([^\n]*)")
_IMPORT_LIST = re.compile(rb"import\s*\(([^)]*)")
_WORD = re.compile(rb"\w+")
#: a head `_imported` can look up among the words (ASCII word bytes only, as `\w` is in bytes)
_WORD_HEAD = re.compile(r"[A-Za-z0-9_]+")


def _imported(ctx: FileContext, head: str) -> bool:
    """Whether `head` is a whole word after `import` on an import line or in an import list.
    The words of the file's import statements are gathered once per file: searching the whole
    file once per callee head cost a large module's length dozens of times. A head that is not
    one ASCII word (a call on a subscript, a non-ASCII name) is searched for as before."""
    if _WORD_HEAD.fullmatch(head):
        return head.encode() in ctx.memo("outbound_call_without_timeout.import_words", lambda: _import_words(ctx.source))
    return ctx.memo(f"outbound_call_without_timeout.imported:{head}", lambda: _imported_by_search(ctx.source, head))


def _import_words(source: bytes) -> frozenset[bytes]:
    """The words of every import line and import list of `source`, read at each occurrence of
    `import` (a regex anchored at every line start tried each byte of the file)."""
    words: set[bytes] = set()
    line_read = -1
    at = source.find(b"import")
    while at >= 0:
        line_start = source.rfind(b"\n", 0, at) + 1
        if line_start > line_read:
            line_read = line_start
            m = _IMPORT_LINE.match(source, line_start)
            if m is not None:
                words.update(_WORD.findall(m.group(1)))
        if at == 0 or source[at - 1] not in ASCII_WORD_BYTES:
            m = _IMPORT_LIST.match(source, at)
            if m is not None:
                words.update(_WORD.findall(m.group(1)))
        at = source.find(b"import", at + 1)
    return frozenset(words)


def _imported_by_search(source: bytes, head: str) -> bool:
    name = re.escape(head.encode())
    return re.search(rb"(?m)^[ \t]*(?:from[ \t]+\S+[ \t]+)?import\b[^\n]*\b" + name + rb"\b|\bimport\s*\([^)]*\b" + name
                     + rb"\b", source) is not None


def _bound_to_session(source: bytes, obj: str) -> bool:
    if b"Session()" not in source:  # both shapes hold it: most files are ruled out without a regex
        return False
    return re.search(re.escape(obj.encode()) + rb"\s*=\s*[\w.]*Session\(\)|Session\(\)\s+as\s+" + re.escape(obj.encode())
                     + rb"\b", source) is not None


def _resolve_py(text: str, imports: dict[str, str]) -> str:
    head, _, rest = text.partition(".")
    module = imports.get(head)
    if module is None or module == head or module.startswith(head + "."):
        return text  # not imported, or `import a.b` (the name is the package itself)
    return f"{module}.{rest}" if rest else module


def _requests_sessions(ctx: FileContext, imports: dict[str, str]) -> set[str]:
    """Names bound to `requests.Session()` in this file (`s`, `self.session`, `with … as s`)."""
    if b"Session" not in ctx.source:
        return set()
    out = set()
    for m in re.finditer(r"([\w.]+)\s*=\s*([\w.]+)\(\)|with\s+([\w.]+)\(\)\s+as\s+(\w+)", ctx.text):
        name, ctor = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if _resolve_py(ctor, imports) in ("requests.Session", "requests.sessions.Session"):
            out.add(name)
    return out


def _py_add_keyword(ctx: FileContext, args: ts.Node):
    close = args.children[-1]
    last = next((c for c in reversed(args.children[:-1]) if c.type not in ("comment",)), None)
    if last is None or last.type == "(":
        edit = ctx.insert(close.start_byte, "timeout=10")
    elif last.type == ",":
        edit = ctx.insert(last.end_byte, " timeout=10" if close.start_point[0] == last.end_point[0]
                          else ctx.newline + ctx.indent_at(last.start_byte) + "timeout=10,")
    else:
        edit = ctx.insert(last.end_byte, ", timeout=10")
    return ctx.fix("Add `timeout=10`", Applicability.UNSAFE, edit)


# ------------------------------------------------------------------ JavaScript / TypeScript

def _check_js(ctx: FileContext) -> Iterator[Finding]:
    imports = js_imports(ctx)
    axios_names = {name for name, module in imports.items() if module == "axios" and name and name[0] != " "}
    server = None
    default_timeout = None  # whether the file sets `axios.defaults.timeout`: read at the first axios call
    for _, caps in ctx.matches:
        call, fn, args = caps["call"][0], caps["fn"][0], caps["args"][0]
        text = ctx.text_of(fn)
        head, _, method = text.partition(".")
        if head == "axios":
            if "axios" not in axios_names:
                continue
            if default_timeout is None:
                default_timeout = b"axios.defaults.timeout" in ctx.source and \
                    re.search(r"axios\.defaults\.timeout\s*=", ctx.text) is not None
            if default_timeout:
                continue
            arguments = [a for a in args.named_children if a.type != "comment"]
            finding = _check_axios(ctx, call, fn, args, arguments, method)
        else:
            if head != "fetch" and imports.get(head) != "node-fetch":
                continue
            if server is None:
                server = _server_code(ctx, imports)
            if not server:
                continue
            arguments = [a for a in args.named_children if a.type != "comment"]
            finding = _check_fetch(ctx, fn, args, arguments)
        if finding is not None:
            yield finding


def _server_code(ctx: FileContext, imports: dict[str, str]) -> bool:
    if _NEXT_SERVER_FILE.search(ctx.relpath) or _SERVER_DIR.search(ctx.relpath) \
            or re.match(r"\s*['\"]use server['\"]", ctx.text) or _HANDLER_SIGNATURE.search(ctx.text):
        return True
    return any(_SERVER_MODULES.match(module) for module in imports.values())


def _check_axios(ctx, call, fn, args, arguments, method) -> Finding | None:
    text = ctx.text_of(fn)
    if any(a.type == "spread_element" for a in arguments):
        return None
    if method == "create":
        config = arguments[0] if arguments else None
        if config is not None and config.type != "object":
            return None
        if config is not None and _has_key(ctx, config, "timeout"):
            return None
        return ctx.finding(fn, "`axios.create()` without a `timeout`: every call through this client waits forever "
                               "when the other service hangs", [_js_add_option(ctx, args, arguments, 0, "timeout", _TIMEOUT_MS)])
    index = _AXIOS_CONFIG_INDEX.get(method, 1) if method else (1 if arguments and arguments[0].type != "object" else 0)
    if not arguments:
        return None
    if len(arguments) > index:
        config = arguments[index]
        if config.type != "object" or _has_key(ctx, config, "timeout"):
            return None
    return ctx.finding(fn, f"`{text}()` has no timeout: when the other service hangs, this request hangs with it",
                       [_js_add_option(ctx, args, arguments, index, "timeout", _TIMEOUT_MS)])


def _check_fetch(ctx, fn, args, arguments) -> Finding | None:
    if not arguments or any(a.type == "spread_element" for a in arguments):
        return None
    url = arguments[0]
    if url.type in ("string", "template_string") and _RELATIVE.match(ctx.text_of(url)):
        return None
    if len(arguments) > 1:
        options = arguments[1]
        if options.type != "object" or _has_key(ctx, options, "signal") or _has_key(ctx, options, "timeout"):
            return None
    return ctx.finding(fn, f"`{ctx.text_of(fn)}()` to another service has no timeout signal: when it hangs, this "
                           "request hangs with it", [_js_add_option(ctx, args, arguments, 1, "signal",
                                                                    f"AbortSignal.timeout({_TIMEOUT_MS})")])


def _has_key(ctx: FileContext, obj: ts.Node, key: str) -> bool:
    for child in obj.named_children:
        if child.type == "spread_element":
            return True  # may carry it
        name = child.child_by_field_name("key") if child.type == "pair" else child
        if name is not None and ctx.text_of(name).strip("\"'") == key:
            return True
    return False


def _js_add_option(ctx: FileContext, args: ts.Node, arguments: list[ts.Node], index: int, key: str, value: str):
    """Add `key: value` to the options object at `index`, creating the argument when it is missing."""
    title = f"Add `{key}: {value}`"
    if len(arguments) > index:
        obj = arguments[index]
        pairs = [c for c in obj.named_children if c.type != "comment"]
        if not pairs:
            return ctx.fix(title, Applicability.UNSAFE, ctx.replace(obj, f"{{ {key}: {value} }}"))
        last = pairs[-1]
        after = last.next_sibling
        multiline = obj.start_point[0] != obj.end_point[0]
        if multiline:
            ind = ctx.indent_at(last.start_byte) or ctx.indent_at(obj.start_byte) + indent_unit(ctx)
            if after is not None and after.type == ",":
                anchor = after
                note = after.next_sibling
                if note is not None and note.type == "comment" and note.start_point[0] == after.end_point[0]:
                    anchor = note  # keep a trailing comment on its own line
                edit = ctx.insert(anchor.end_byte, f"{ctx.newline}{ind}{key}: {value},")
            else:
                edit = ctx.insert(last.end_byte, f",{ctx.newline}{ind}{key}: {value}")
        else:
            edit = ctx.insert(last.end_byte, f", {key}: {value}")
        return ctx.fix(title, Applicability.UNSAFE, edit)
    filler = ", undefined" * (index - len(arguments))
    option = f"{{ {key}: {value} }}"
    if not arguments:
        return ctx.fix(title, Applicability.UNSAFE, ctx.insert(args.children[-1].start_byte, option))
    return ctx.fix(title, Applicability.UNSAFE, ctx.insert(arguments[-1].end_byte, f"{filler}, {option}"))
