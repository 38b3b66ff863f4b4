"""
## What it does
Flags an environment lookup for a secret that falls back to a hardcoded value. It reads
`process.env.JWT_SECRET || "…"`, `?? "…"`, a destructuring default
`const { JWT_SECRET = "…" } = process.env`, `import.meta.env.X || "…"`,
`os.getenv("SECRET_KEY", "…")`, `os.environ.get(…, "…")`, `os.environ.setdefault(…)`,
`os.environ.get(…) or "…"`, and python-decouple / django-environ `config("X", default="…")`,
`env("X", default="…")`; chains `process.env.A || process.env.B || "…"`, and NestJS
`configService.get("X", "…")` / `configService.get("X") ?? "…"`. It fires when the variable's name is secret-like (`*_SECRET`, `*_KEY`,
`*_TOKEN`, `*PASSWORD*`) or when the fallback itself is a secret (a provider token, a URL with a
password, a long random string; not words with a number among them, such as
`--max_old_space_size=6144`).

An empty fallback (`|| ""`), a flag's (`"true"`, `"false"`, `"none"`: CORS's
`ACCESS_CONTROL_ALLOW_CREDENTIALS`), a localhost fallback of a non-secret variable (URL002 reports that),
public build-time variables with a harmless default (`NEXT_PUBLIC_…`, `VITE_…`), code under a
development guard, and test files are left alone.

## Why is this bad?
The fallback is the value the app runs with in production the day the variable is missing: a
renamed setting, a new environment, a typo in the dashboard. Nothing fails; the app signs its
sessions and JWTs with `"your-secret-key"`, which is in the repository for anyone to read and
forge tokens with. When the fallback is a real key it is also a hardcoded secret.

## Example
```js
const JWT_SECRET = process.env.JWT_SECRET || "your-secret-key";
```
```python
SECRET_KEY = os.getenv("SECRET_KEY", "dev-secret")
```

Use instead:
```js
const JWT_SECRET = process.env.JWT_SECRET; // validated at startup (SEC004)
```
```python
SECRET_KEY = os.environ["SECRET_KEY"]  # raises at startup when it is missing
```

## Fix safety
The fix removes the fallback: `process.env.X || "…"` becomes `process.env.X`,
`os.getenv("X", "…")` becomes `os.environ["X"]` (which raises at once when X is missing),
`config("X", default="…")` becomes `config("X")` (which raises too); it also appends `X=` to
`.env.example`. In the same edit it adds X to the startup check that SEC004 generates
(`validateEnv([...])` after the file's imports, `_require_env(...)` in Python), creating it or
extending the file's existing call, so a missing secret stops the app at once with a clear
message instead of failing at the first request. Python reads at module level and decouple /
django-environ calls already fail at import and get no check; Vite, Deno and browser code,
where `process.env` is not the source, neither. A second fix only removes the fallback, for an
app that validates its environment elsewhere (envalid, zod, pydantic). Both are unsafe: every
environment, including local development, must now set the variable. If the fallback was a real
key, rotate it. In TypeScript the value must stay a `string` under `--strict` (`jwt.sign(payload,
JWT_SECRET)`): the fix reads `requireEnv("X")`, a helper added to the file that returns a string or
stops the app, or, in a file that calls `validateEnv`, lists X there and asserts
`process.env.X!` (as in Next.js edge and client code, where only literal reads are filled in,
at build time). A chain keeps its other reads (`process.env.A || requireEnv("B")`); NestJS
`configService.get("X", "…")` becomes `getOrThrow("X")`.

## References
- [OWASP: Use of hard-coded cryptographic key](https://owasp.org/www-community/vulnerabilities/Use_of_hard-coded_cryptographic_key)
- [The Twelve-Factor App: Config](https://12factor.net/config)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.api import (
    JAVASCRIPT, JS_LIKE, PYTHON, TSX, TYPESCRIPT, Applicability, FileContext, FileRole, Finding, Fix, Rule, Scope,
    Severity, TextEdit, redact,
)
from prodlint.appmodel import in_dev_guard
from prodlint.envreads import (
    JS_ENV_OBJECT, JS_FALLBACK_LEFT, PY_DEFAULT_CALL, PY_GETTER, config_get, env_names, env_read_name, is_config_call,
    query_regex,
)
from prodlint.syntax import enclosing_function, python_import_edit, quote_style, string_content
from prodlint_rules._secrets import (
    find_credential_url, find_secret_token, is_secret_env_name, looks_random, plausible_secret_value, secret_name_strength,
)
from prodlint_rules._env_fallbacks import is_process_env, require_env_call, require_env_helper, typed
from prodlint_rules._env_validation import file_check_edit

RULE = Rule(
    code="SEC002",
    name="secret-env-fallback",
    category="1",
    scope=Scope.FILE,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.WARNING,
    fix="drop the fallback so a missing secret fails fast",
    runtime=False,
)

_JS = f"""
((binary_expression
   left: (_) @env
   operator: ["||" "??"]
   right: [(string) (template_string)] @fallback) @expr
 (#match? @env "{query_regex(JS_FALLBACK_LEFT)}"))
((call_expression
   function: (member_expression property: (property_identifier) @get)
   arguments: (arguments . (string) . [(string) (template_string)] @fallback .)) @cfgcall
 (#eq? @get "get"))
((variable_declarator
   name: (object_pattern
     (object_assignment_pattern
       left: (shorthand_property_identifier_pattern) @name
       right: [(string) (template_string)] @fallback) @default)
   value: (_) @env) @decl
 (#match? @env "{query_regex(JS_ENV_OBJECT)}"))
"""
QUERY = {lang: _JS for lang in (JAVASCRIPT, TYPESCRIPT, TSX)}
QUERY[PYTHON] = f"""
((call
   function: (_) @fn
   arguments: (argument_list . (string) @name)) @expr
 (#match? @fn "{query_regex(PY_DEFAULT_CALL)}"))
((boolean_operator
   left: (call
     function: (_) @fn
     arguments: (argument_list . (string) @name .)) @env
   operator: "or"
   right: (string) @fallback) @expr
 (#match? @fn "{query_regex(PY_GETTER)}"))
"""

_LOCAL = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^@/\s]*@)?(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])([:/?#]|$)|"
                    r"^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$", re.I)


#: every finding `check` makes on a language of QUERY is a match of it: the engine skips a file without one
FINDINGS_FROM_MATCHES = True

#: bytes every match of QUERY holds: a capture's text is a slice of the file, so a file that
#: holds no match of a capture's `#match?` regex (unanchored) has no match of it; `.get` is
#: followed by its arguments, type arguments or a comment
_JS_MAY_MATCH = re.compile(rb"%s|%s|\bget\s*(?:[(<]|/[/*])" % (
    JS_FALLBACK_LEFT.encode(), JS_ENV_OBJECT.strip("^$").encode()))
_PY_MAY_MATCH = re.compile(b"%s|%s" % (PY_DEFAULT_CALL.strip("^$").encode(), PY_GETTER.strip("^$").encode()))


def may_apply(language: str, relpath: str, source: bytes, role: FileRole) -> bool:
    """False for a test (whose fallbacks configure the test, `check`) and for a file of another
    role none of whose bytes a match of QUERY needs: most scripts and fixtures read no variable."""
    if role.test:
        return False
    if language in JS_LIKE:
        return _JS_MAY_MATCH.search(source) is not None
    if language == PYTHON:
        return _PY_MAY_MATCH.search(source) is not None
    return True


def check(ctx: FileContext) -> Iterator[Finding]:
    if ctx.role.test:
        return  # a test's fallback configures the test
    seen: set[int] = set()
    for _, caps in ctx.matches:
        found = _js_match(ctx, caps) if ctx.language in JS_LIKE else _py_match(ctx, caps)
        if found is None:
            continue
        name, fallback, anchor, fixes = found
        if anchor.start_byte in seen:
            continue
        seen.add(anchor.start_byte)
        value = string_content(ctx, fallback)
        why = _why_secret(name, value)
        if why is None or in_dev_guard(ctx, anchor):
            continue
        message = (f"`{name}` falls back to the hardcoded {why} `{_shown(value)}`: when it is unset in "
                   f"production the app runs with a secret anyone can read in the source")
        yield ctx.finding(anchor, message, fixes())


#: fallbacks that say on, off or nothing: a flag's, whatever its name
_FLAG_VALUES = frozenset({"true", "false", "yes", "no", "on", "off", "none", "null", "nil", "undefined",
                          "enabled", "disabled", "0", "1"})


def _why_secret(name: str, value: str) -> str | None:
    """What makes this fallback a problem, or None when it is not one."""
    if not value.strip() or "${" in value and re.fullmatch(r"\$\{[^}]*\}", value):
        return None
    if value.strip().lower() in _FLAG_VALUES:
        return None  # a switch (`ALLOW_CREDENTIALS`, `OPTIONAL_CREDENTIALS`) or "not set": no secret
    token = find_secret_token(value)
    if token is not None:
        return token.kind
    if find_credential_url(value, local_defaults_ok=True) is not None:
        return "password in a URL"
    if _LOCAL.match(value) and not is_secret_env_name(name):
        return None  # URL002's
    if is_secret_env_name(name):
        # a bare `*_KEY` (`LDAP_EMAIL_KEY`, `SORT_KEY`) may name a field or a lookup key: as for
        # SEC001, only a value with a secret's shape makes it one
        if secret_name_strength(name) == 1 and not plausible_secret_value(value, 1):
            return None
        return "value"
    if looks_random(value) and not re.match(r"^(NEXT_PUBLIC|VITE|REACT_APP|EXPO_PUBLIC|PUBLIC)_", name) \
            and not re.search(r"(URL|URI|HOST|PATH|DIR|ID|NAME|REGION|BUCKET|VERSION)$", name):
        return "secret"
    return None


def _shown(value: str) -> str:
    cred = find_credential_url(value, local_defaults_ok=True)
    if cred is not None:
        return f"{cred.group('scheme')}://{cred.group('user')}:****@{cred.group('host')}"
    return redact(value)


# The matchers below return (name, fallback, anchor, fixes), `fixes` a function that builds the
# fixes: most fallbacks are no secret (`PORT || "3000"`), and their fixes are never built.

def _js_match(ctx: FileContext, caps: dict):
    fallback = caps["fallback"][0]
    if "cfgcall" in caps:
        return _config_match(ctx, caps["cfgcall"][0], fallback)
    env = caps["env"][0]
    if "default" in caps:
        name = ctx.text_of(caps["name"][0])
        anchor = caps["default"][0]
        return name, fallback, anchor, lambda: _fixes(ctx, name, [ctx.replace(anchor, name)],
                                                      _js_checkable(ctx, ctx.text_of(env)))
    names = env_names(ctx, env)
    if not names:
        return None
    name = next((n for n in names if is_secret_env_name(n)), names[0])
    anchor = caps["expr"][0]
    read_name = env_read_name(ctx, env)
    if typed(ctx) and is_process_env(ctx, env) and _js_checkable(ctx, ctx.text_of(env)):
        # TypeScript: `process.env.X` is `string | undefined` once the fallback goes; requireEnv()
        # is a `string` and stops the app when X is unset.
        name = names[-1] if len(names) > 1 else name  # the one requireEnv() asks for
        return name, fallback, anchor, lambda: _typed_fixes(ctx, name, anchor, env, names)
    if read_name is None:  # a chain or a config lookup: drop the literal, keep the reads
        return name, fallback, anchor, lambda: _fixes(ctx, name, [ctx.replace(anchor, _config_read(ctx, env))], False)
    return name, fallback, anchor, lambda: _fixes(ctx, name, [ctx.replace(anchor, _asserted_read(ctx, env))],
                                                  _js_checkable(ctx, ctx.text_of(env)))


def _typed_fixes(ctx: FileContext, name: str, anchor, env, names: list[str]) -> list[Fix]:
    """TypeScript: `process.env.X` is `string | undefined` once the fallback goes; requireEnv()
    is a `string` and stops the app when X is unset."""
    fixes = _fixes(ctx, name, _typed_edits(ctx, anchor, env, names), False)
    if len(names) == 1 and "validateEnv" in ctx.text:
        # the file validates its environment: list X there and assert it (`!`) after the check
        check = file_check_edit(ctx, name)
        narrowed = ctx.replace(anchor, ctx.text_of(env) + "!")
        example = ctx.ensure_lines(".env.example", f"{name}=")
        if check is True:
            fixes.insert(0, ctx.fix(f"Remove the fallback of {name} (validateEnv checks it)",
                                    Applicability.UNSAFE, narrowed, example))
        elif isinstance(check, TextEdit):
            fixes.insert(0, ctx.fix(f"Remove the fallback of {name} and check it at startup",
                                    Applicability.UNSAFE, narrowed, check, example))
    return fixes


def _config_read(ctx: FileContext, env) -> str:
    """The reads of a chain or a config lookup, kept without the literal (NestJS: `getOrThrow`)."""
    text = ctx.text_of(env)
    if env.type == "call_expression" and _NEST_CONFIG.search(ctx.source):
        prop = env.child_by_field_name("function").child_by_field_name("property")
        text = text[:prop.start_byte - env.start_byte] + "getOrThrow" + text[prop.end_byte - env.start_byte:]
    return text


def _asserted_read(ctx: FileContext, env) -> str:
    """TypeScript where requireEnv() cannot read it (Next.js edge or client code, filled in at
    build time): the literal read stays, asserted set, so the value is still a `string`."""
    read = ctx.text_of(env)
    if typed(ctx) and read.startswith(("process.env", "Bun.env")):
        read += "!"
    return read


def _typed_edits(ctx: FileContext, anchor, env, names: list[str]) -> list[TextEdit]:
    """`process.env.X || "…"` -> `requireEnv("X")`; `process.env.A || process.env.B || "…"` ->
    `process.env.A || requireEnv("B")`, plus the helper."""
    if env.type == "binary_expression":
        left, op = env.child_by_field_name("left"), env.child_by_field_name("operator")
        text = f"{ctx.text_of(left)} {ctx.text_of(op)} {require_env_call(ctx, names[-1])}"
    else:
        text = require_env_call(ctx, names[0])
    edits = [ctx.replace(anchor, text)]
    helper = require_env_helper(ctx)
    if helper is not None:
        edits.append(helper)
    return edits


_NEST_CONFIG = re.compile(rb"@nestjs/config|ConfigService")


def _config_match(ctx: FileContext, call, fallback):
    """`configService.get("X", "default")`: drop the default; with NestJS's ConfigService,
    `getOrThrow("X")` fails fast and is typed without `undefined`."""
    found = config_get(ctx, call)
    if found is None or found[1] is None:
        return None
    name = found[0]
    args = call.child_by_field_name("arguments")
    edits = [_drop_js_argument(ctx, args, found[1])]
    if _NEST_CONFIG.search(ctx.source):
        prop = call.child_by_field_name("function").child_by_field_name("property")
        edits.insert(0, ctx.replace(prop, "getOrThrow"))
    return name, fallback, call, lambda: _fixes(ctx, name, edits, False)


def _drop_js_argument(ctx: FileContext, args, arg):
    prev = arg.prev_sibling
    while prev is not None and prev.type != ",":
        prev = prev.prev_sibling
    start = prev.start_byte if prev is not None else arg.start_byte
    end = arg.end_byte
    nxt = arg.next_sibling
    if nxt is not None and nxt.type == ",":
        end = nxt.end_byte  # a trailing comma goes too
    return ctx.replace(ctx.span_of(start, end), "")


def _py_match(ctx: FileContext, caps: dict):
    fn = ctx.text_of(caps["fn"][0])
    name = string_content(ctx, caps["name"][0])
    expr = caps["expr"][0]
    if not re.fullmatch(r"[A-Za-z_]\w*", name):
        return None
    if "fallback" in caps:
        return name, caps["fallback"][0], expr, lambda: _fixes(ctx, name, _environ_edits(ctx, fn, name, expr),
                                                               _py_checkable(expr))
    args = expr.child_by_field_name("arguments")
    positional = [a for a in args.named_children if a.type not in ("keyword_argument", "comment")]
    keywords = {ctx.text_of(k.child_by_field_name("name")): k for k in args.named_children
                if k.type == "keyword_argument"}
    default = keywords.get("default")
    fallback = default.child_by_field_name("value") if default is not None else \
        (positional[1] if len(positional) > 1 else None)
    if fallback is None or fallback.type != "string":
        return None
    if any(c.type == "interpolation" for c in fallback.children):
        return None
    if is_config_call(fn):
        if default is None:
            return None  # config("X", "…") is not decouple's signature: leave it
        if keywords.keys() - {"default"}:
            return name, fallback, expr, lambda: _fixes(ctx, name, [_drop_argument(ctx, args, default)], False)
        # decouple/django-environ raise themselves
        return name, fallback, expr, lambda: _fixes(ctx, name, [ctx.replace(args, f"({ctx.text_of(caps['name'][0])})")],
                                                    False)
    return name, fallback, expr, lambda: _fixes(ctx, name, _environ_edits(ctx, fn, name, expr), _py_checkable(expr))


def _environ_edits(ctx: FileContext, fn: str, name: str, expr):
    q = quote_style(ctx)
    module = "environ" if fn.startswith("environ") else "os.environ"
    edits = [ctx.replace(expr, f"{module}[{q}{name}{q}]")]
    if module == "os.environ":
        imp = python_import_edit(ctx, "os")
        if imp is not None:
            edits.insert(0, imp)
    return edits


def _drop_argument(ctx: FileContext, args, arg):
    """Remove one argument with the comma before it."""
    prev = arg.prev_sibling
    while prev is not None and prev.type != ",":
        prev = prev.prev_sibling
    start = prev.start_byte if prev is not None else arg.start_byte
    return ctx.replace(ctx.span_of(start, arg.end_byte), "")


_EDGE = re.compile(r"""\bruntime\s*=\s*['"](edge|experimental-edge)['"]|^middleware\.[jt]s$""", re.M)


def _js_checkable(ctx: FileContext, env: str) -> bool:
    """`validateEnv` reads `process.env[name]`: Node and Bun server code, not Vite, Deno, the
    browser, or Next.js edge code (where only literal `process.env.X` reads are filled in)."""
    if not env.startswith(("process.env", "Bun.env")) or ctx.role.client or ctx.role.vite_client:
        return False
    return not ctx.memo("SEC002.edge", lambda: _EDGE.search(ctx.text) is not None) \
        and _EDGE.search(ctx.relpath.rsplit("/", 1)[-1]) is None


def _py_checkable(expr) -> bool:
    """`os.environ["X"]` at module level already stops the app at import; inside a function it
    fails only when called, so the startup check is worth adding."""
    return enclosing_function(expr) is not None


def _fixes(ctx: FileContext, name: str, edits: list[TextEdit], checkable: bool) -> list[Fix]:
    """Drop the fallback and check the variable at startup (SEC004's check, for this variable);
    then, for an app that validates its environment elsewhere, drop the fallback only."""
    example = ctx.ensure_lines(".env.example", f"{name}=")
    drop = ctx.fix(f"Remove the hardcoded fallback of {name}", Applicability.UNSAFE, *edits, example)
    if not checkable:
        return [drop]
    imports_os = any(e.text.strip() == "import os" for e in edits)
    check = file_check_edit(ctx, name, import_os=False if imports_os else None)
    if not isinstance(check, TextEdit):
        return [drop]
    both = ctx.fix(f"Remove the fallback of {name} and check it at startup", Applicability.UNSAFE, *edits, check,
                   example)
    return [both, drop]
