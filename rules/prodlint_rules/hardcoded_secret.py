"""
## What it does
Flags a secret written into the source code or the configuration that ships with it. It finds
a provider token anywhere in a string (Stripe
`sk_live_`/`sk_test_`/`rk_`/`whsec_`, AWS `AKIA`/`ASIA`, GitHub `ghp_`/`github_pat_`, Slack `xox?-`
and webhook URLs, OpenAI `sk-`/`sk-proj-`, Anthropic `sk-ant-`, Google `AIza`, SendGrid, Twilio,
Mailgun, npm, private key blocks, JWTs with real claims), a password inside a URL
(`postgres://app:s3cret@db…`), or a non-placeholder literal bound to a secret-like name
(`JWT_SECRET`, `apiKey`, `password`, `client_secret`, a dict key or keyword argument) or compared
with one (`password === "admin123"`). It reads JavaScript, TypeScript and Python strings, JSON
configuration, Dockerfile `ENV`/`ARG`/`RUN` lines, committed `.env.example` templates (and those
of one environment, `.env.prod-sample`), each
secret line of a `.env` file git does not ignore (next to SEC003's finding for the file), and the
`environment:` of compose services (map and `- KEY=value` forms; a secret-named value only in
services built from the app's code, provider tokens and URL passwords in any). A provider token
in a comment is reported too, as is a key split across constants and joined (`"ghp_" + REST`,
`` `${PREFIX}${REST}` ``), an AWS secret access key within three lines of its key ID, and an app
password with its spaces (`wrtk qmvz hplx nbdj`) bound to a password name. A password in a URL is
a secret whatever the host and however short (`admin`, `root`, `123qwe`); only clear placeholders
(`<password>`, `${DB_PASS}`, `password`, `changeme`, `xxx`, `****`) are spared, and hosts reserved
for documentation and tests (`example.com`, `*.example`, `*.test`, `*.invalid`), where no one can
log in. In a compose file a database image's default in a URL (`postgres://postgres:postgres@db/app`,
the user's own name as its password) is spared, as the image's `POSTGRES_PASSWORD` is, and so is
a well-known default password (`postgres`, `root`, `mysecretpassword`) set by name in a service
built from the code (a database built `FROM postgres` with its init scripts). The URL is
read as URL parsers read it: the password runs to the last `@` before the host (`app:p@ss@db`).

Placeholders (`sk_test_xxx`, `your-api-key`, `changeme`, `<token>`, `***`, `${SECRET}`), env var
names, header and storage-key names, labels, UUIDs, hashes, `data:` URIs, docstrings, comments,
public-by-design keys (Stripe `pk_`, Supabase anon keys, Firebase web config, Google Maps keys) and
keys published in vendors' documentation are left alone, as are message keys (`i18nKey`) and
values written as words with a number among them (`howItWorksStep1Title`) bound to a `*Key` name.
In test files (test runners' configs and setup files included) only provider tokens and URL
passwords to a host other than a local one are reported, one severity lower; a `.env.test` or
`.env.development` is not reported for a password in a URL to a local host (that machine's own
database) either; in translation catalogues (`locales/`, `i18n/`, or files and folders named by
language tags beside English: `strings/de.json`, `l10n/pt-BR/`) only provider tokens and URL
passwords, as their keys and labels say "Password" and "Token". Schema
migrations are judged as app code (a data migration's admin password ships with it). Secrets are
never shown whole: `sk_l…9f2a`.

## Why is this bad?
Anything in the repository is readable by everyone who can clone it, by every CI job, and by
anyone who gets the built bundle (browser code ships to every visitor). Bots scan public
repositories for keys within minutes of a push; a leaked Stripe or OpenAI key is billed to you.
Rotating a committed key is mandatory: it stays in the git history.

## Example
```js
const stripe = new Stripe("sk_live_51Hx…9f2a");
const JWT_SECRET = "s3cr3t-jwt-k3y-2024";
```

Use instead:
```js
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
const JWT_SECRET = process.env.JWT_SECRET;
```

## Fix safety
The fix replaces the literal with an environment lookup named from the binding or the provider
(`process.env.STRIPE_SECRET_KEY`; `os.environ["STRIPE_SECRET_KEY"]` in Python, adding `import os`;
`import.meta.env.VITE_…` in Vite client code, with a warning: code that runs in the browser cannot
keep any secret, the call belongs on a server) and appends `NAME=` to `.env.example`. A token
inside a larger string (`"Bearer sk-…"`) becomes a template literal / f-string. It is unsafe: the
variable must now be set wherever the app runs. It does not rotate the key, which you must do.
In JSON and Dockerfiles the fix is a suggestion; in `.env.example` the value is emptied (safe).
In TypeScript it reads `requireEnv("NAME")`, a helper added to the file, so the value stays a
`string` under `--strict` (`process.env.NAME` is `string | undefined`). A split key's whole
expression is replaced. A token in a comment is replaced by `<redacted>`
(safe: a comment has no behaviour; rotate the token all the same). In a committed `.env` and a
compose file the fix is a suggestion (rotate, set it in the deployment's secrets).

## References
- [OWASP: Use of hard-coded password](https://owasp.org/www-community/vulnerabilities/Use_of_hard-coded_password)
- [The Twelve-Factor App: Config](https://12factor.net/config)
- [GitHub: Removing sensitive data from a repository](https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository)
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Callable, Container, Iterator
from functools import lru_cache
from itertools import accumulate

from prodlint.api import (
    COMPOSE, DOCKERFILE, DOTENV, JAVASCRIPT, JSON, JS_LIKE, PYTHON, TSX, TYPESCRIPT, Applicability, FileContext,
    FileRole, Finding, Fix, Rule, Scope, Severity, redact,
)
from prodlint.appmodel import in_logging_call
from prodlint.bytesearch import ASCII_JS_NAME_BYTES, ASCII_WORD_BYTES
from prodlint.envreads import env_lookup, is_env_fallback
from prodlint.lineformats import dotenv_entries
from prodlint.roles import task_programs
from prodlint.syntax import (
    ancestors, binding_name, callee_text, is_docstring, js_declarations, py_assignments, python_import_edit,
    node_index, screaming_snake, string_content,
)
from prodlint_rules._env_fallbacks import typed_lookup
from prodlint_rules._secrets import (
    is_app_password, is_default_password, is_secret_env_name, credential_url_env, find_credential_url, find_secret_token, is_placeholder, looks_like_aws_secret_key,
    FILE_HINT, SECRET_GATE, SECRET_HINT, SHORTEST_TOKEN, may_be_secret_name, may_hold_secret, may_hold_token, plausible_secret_value, secret_name_strength, token_shaped,
)

RULE = Rule(
    code="SEC001",
    name="hardcoded-secret",
    category="1",
    scope=Scope.FILE,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON, JSON, DOCKERFILE, DOTENV, COMPOSE}),
    severity=Severity.ERROR,
    fix="replace the literal with an env lookup and add the variable to .env.example",
    runtime=False,
)

# Only a `+` whose operands are strings, names, parentheses or other `+`s can join a split key
# (`_fold` gives up on anything else), so the query keeps the others out, in C rather than Python.
_JS_TERM = '(string) (template_string) (identifier) (binary_expression operator: "+")'
_JS_OPERAND = f"[{_JS_TERM} (parenthesized_expression [{_JS_TERM} (parenthesized_expression)])]"
_PY_TERM = '(string) (identifier) (binary_operator operator: "+")'
_PY_OPERAND = f"[{_PY_TERM} (parenthesized_expression [{_PY_TERM} (parenthesized_expression)])]"
# A template literal joins a key only when each `${}` holds one of them: one that holds none
# (`${user.id}`, `${f()}` everywhere) is left out the same way.
QUERY = {lang: f'((string) @str)\n((template_string) @template)\n((comment) @comment)\n'
               f'((binary_expression left: {_JS_OPERAND} operator: "+" right: {_JS_OPERAND}) @concat)\n'
               f'((template_string (template_substitution {_JS_OPERAND})) @joined)'
         for lang in (JAVASCRIPT, TYPESCRIPT, TSX)}
QUERY[PYTHON] = (f'((string) @str)\n((comment) @comment)\n'
                 f'((binary_operator left: {_PY_OPERAND} operator: "+" right: {_PY_OPERAND}) @concat)')
# Every string, keys too (a key is never reported: `_skipped_position`, `_secret_name`). A pattern
# naming a string's parent (`(array (string) @str)`) would leave keys out, but the query cursor
# keeps a state per open ancestor that may still match: on a document of 200,000 nested arrays the
# pass never ends (tests/robustness/test_deep_json.py).
QUERY[JSON] = "((string) @str)"

# Binding names too vague to become an env var on their own: `{ password: "…" }` inside
# `mysql.createConnection(…)` becomes MYSQL_PASSWORD.
GENERIC = frozenset({"KEY", "API_KEY", "APIKEY", "TOKEN", "SECRET", "PASSWORD", "PASS", "PWD", "AUTH",
                     "AUTHORIZATION", "ACCESS_TOKEN", "AUTH_TOKEN", "CREDENTIALS", "PASSPHRASE", "PRIVATE_KEY",
                     "CLIENT_SECRET", "WEBHOOK_SECRET", "API_TOKEN", "SECRET_TOKEN", "BEARER_TOKEN", "X_API_KEY"})
CALL_PREFIXES = (
    (re.compile(r"(^|\.)(sign|verify|decode)$|^jwt\b|jsonwebtoken|JwtModule|expressjwt|jwt", re.I), "JWT"),
    (re.compile(r"cookieParser|cookie", re.I), "COOKIE"),
    (re.compile(r"session", re.I), "SESSION"),
    (re.compile(r"Transport|smtp|mail", re.I), "SMTP"),
    (re.compile(r"createHmac|hmac", re.I), "HMAC"),
    (re.compile(r"connect|Pool|Client|Sequelize|createConnection|create_engine|knex|mongo|mysql|pg\b|psycopg|"
                r"redis|Redis|Database|DataSource|PrismaClient", re.I), "DB"),
)
PROVIDERS = ("stripe", "openai", "anthropic", "twilio", "sendgrid", "mailgun", "github", "slack", "supabase",
             "firebase", "cloudinary", "pusher", "algolia", "resend", "clerk", "auth0", "google", "aws", "s3",
             "replicate", "cohere", "groq", "pinecone", "mapbox", "spotify", "discord", "telegram")
SECRET_ARGUMENTS = (
    (re.compile(r"^(jwt|jsonwebtoken|JWT)\.(sign|verify)$|^jwt\.(encode|decode)$"), 1, "jwtSecret"),
    (re.compile(r"^cookieParser$|^cookie_parser$"), 0, "cookieSecret"),
    (re.compile(r"(^|\.)createHmac$|^hmac\.new$"), 1, "hmacSecret"),
)
_SECRET_CALLEE = re.compile("|".join(pattern.pattern for pattern, _, _ in SECRET_ARGUMENTS))


def _judges_names(role: FileRole) -> bool:
    """Whether a literal can be reported for the secret-like name it is bound to: not in tests,
    scripts and examples (fixtures), nor in translation catalogues (labels such as "Password":
    `FileRole.locale`, from the file's folder or from the language tags it and its neighbours
    are named by). A schema migration is no fixture: it runs against the production database."""
    return not ((role.non_production and not role.migration) or role.locale)


PUBLIC_JSON = frozenset({"google-services.json", "firebase.json", ".firebaserc", "manifest.json", "app.json"})
#: a committed template of env files: `.env.example`, and one per environment (`.env.local.example`,
#: `.env.prod-sample`, `.env.production.template`)
TEMPLATE_ENV = re.compile(r"^\.env([.\w-]*[._-])?(example|sample|template|dist|defaults?)$", re.I)


#: every finding `check` makes on a language of QUERY is a match of it: the engine skips a file without one
FINDINGS_FROM_MATCHES = True

_CODE = frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON})

#: Where a `+` or a `${}` may join a split key (`_check_concatenations`) in a file of code: a `+`
#: before something an operand `_fold` can join begins with (a quote, a parenthesis, a name, a
#: comment before it, a line continuation), or a `${` before a string, a parenthesis, a comment or
#: a lone name (`${PREFIX}`, `${a + b}`; `${user.id}`, `${f()}` and `${n * 2}` never fold). What
#: this misses, a `+` before a number, a `++`, a `+=`, has no operand that folds.
_MAY_JOIN = re.compile(rb"\+\s*(?:['\"`(A-Za-z_$\\\x80-\xff]|/[/*])"
                       rb"|\$\{\s*(?:['\"`(]|/[/*]|[\w$\\\x80-\xff{}]+\s*(?:[}+]|/[/*]))")


def may_apply(language: str, relpath: str, source: bytes, role: FileRole) -> bool:
    """False only for a file none of whose strings `check` can report, told from its bytes (the
    engine then need not parse it).

    A file of code whose literals are judged by their own bytes (a test, a script, an example:
    `_judges_names`) is reported for a token or a URL password in a string or a comment (whose
    bytes then match the gate and `FILE_HINT`), for an AWS secret key beside its key ID (`AKIA`,
    `ASIA`), or for a key split across strings and joined (`_MAY_JOIN`); holding none of these,
    it is not parsed. Tests, fixtures and scripts are a third of the code of the apps measured,
    and about a third of them hold none.

    A JSON file: a public config, or a file where
    - no string holds a token or a URL password: `check` takes a string for one only when its
      bytes match `SECRET_HINT` (and `SECRET_GATE`, which every hint's match holds), and such a
      match is one of `FILE_HINT` (and of the gate) in the file;
    - no AWS key ID pairs with a secret key: the file holds no `AKIA` or `ASIA`; and
    - no string can be named a secret (tests, scripts and translation catalogues are judged by
      their own bytes only): see `_NAMED_JSON_VALUE`.
    Translations spell gate words (`-Kollaborationssitzung`, `new-notification-form-description`)
    but seldom a whole hint, so most catalogues are never parsed; generated schema snapshots
    (`drizzle/meta/*_snapshot.json`: thousands of strings, keys such as `primaryKey` and
    `foreignKeys` but none naming a string) are not either."""
    if language in _CODE:
        if _judges_names(role):
            return True
        return b"AKIA" in source or b"ASIA" in source or _MAY_JOIN.search(source) is not None or (
            SECRET_GATE.search(source) is not None and FILE_HINT.search(source) is not None)
    if language != JSON:
        return True
    if os.path.basename(relpath) in PUBLIC_JSON:
        return False
    if b"AKIA" in source or b"ASIA" in source:
        return True
    if SECRET_GATE.search(source) is not None and FILE_HINT.search(source) is not None:
        return True
    if not _judges_names(role):
        return False
    if b"/*" in source:  # a block comment may sit between a key and its value: `_NAMED_JSON_VALUE` reads none
        return not source.isascii() or _LOWER_SECRET_WORD.search(source.lower()) is not None
    return _NAMED_JSON_VALUE.search(source.lower()) is not None


def check(ctx: FileContext) -> Iterator[Finding]:
    language = ctx.language
    if language == DOCKERFILE:
        yield from _check_dockerfile(ctx)
        return
    if language == DOTENV:
        if TEMPLATE_ENV.match(os.path.basename(ctx.path)):
            yield from _check_env_template(ctx)
        elif not ctx.role.git_ignored:
            yield from _check_committed_env(ctx)
        return
    if language == COMPOSE:
        yield from _check_compose(ctx)
        return
    if language == JSON and os.path.basename(ctx.path) in PUBLIC_JSON:
        return
    named = _judges_names(ctx.role) and ctx.path not in task_programs(ctx.project_root)
    source = ctx.source
    gate, hint, not_a_value = SECRET_GATE.search, SECRET_HINT.search, _NOT_A_VALUE.fullmatch
    spaced, app_password = _WHITESPACE_BYTE.search, _APP_PASSWORD_BYTES.fullmatch
    lists: dict[tuple[int, int], str | None] = {}
    comments, concats, found = [], [], []
    joined: dict[tuple[int, int], object] = {}  # template literals, once each (a match per `${}`)
    aws_ids = None  # whether the file holds the first bytes of an AWS key ID (`_AWS_KEY_ID`), asked once
    urls = None  # whether it holds `@` and `://`, asked at its first short string
    for _, caps in ctx.matches:  # one pass: strings are judged here, the rest is collected
        nodes = caps.get("str") or caps.get("template")
        if nodes is None:
            if "comment" in caps:
                node = caps["comment"][0]
                start, end = node.start_byte, node.end_byte
                # a comment is searched for provider tokens only, which are never shorter
                if end - start >= SHORTEST_TOKEN and gate(source, start, end) is not None \
                        and hint(source, start, end) is not None:
                    comments.append(node)  # a token is one in the comment's bytes
            elif "concat" in caps:
                concats.append(caps["concat"][0])
            else:
                node = caps["joined"][0]
                joined.setdefault((node.start_byte, node.end_byte), node)
            continue
        node = nodes[0]
        start, end = node.start_byte, node.end_byte
        if end - start < 10:
            continue
        if end - start < SHORTEST_TOKEN:  # only a URL password fits: `://…@`, in the file then
            if urls is None:
                urls = b"@" in source and b"://" in source
            hinted = urls and source.find(b"@", start, end) >= 0 and hint(source, start, end) is not None
        else:
            hinted = gate(source, start, end) is not None and hint(source, start, end) is not None
        if not hinted and not (end - start == 42 and (aws_ids if aws_ids is not None else (
                aws_ids := b"AKIA" in source or b"ASIA" in source)) and _near_aws_key_id(ctx, node)):
            # No token, no URL password, no AWS pair: only a secret-like name can make it one
            if not named:
                continue
            if spaced(source, start, end) is not None and _SCHEME_BYTES.search(source, start, start + 16) is None \
                    and not (end - start == _APP_PASSWORD_LENGTH and app_password(source, start, end)):
                continue  # whitespace, not after a scheme (`Bearer …`) nor in an app password: no name takes it
            first = source[start]  # a plain literal whose bytes no name can make a secret: most stop here
            if end - start != 42 and first in _QUOTES and source[end - 1] == first \
                    and not_a_value(source, start + 1, end - 1) is not None:
                continue
            name = _secret_name(ctx, node, lists)
            if name is None or not _may_be_named_value(ctx, node, name):
                continue
        finding = _check_string(ctx, node)
        if finding is not None:
            found.append(finding)
    if language != JSON:
        yield from _check_comments(ctx, comments)
        yield from _check_concatenations(ctx, concats + list(joined.values()))
    yield from found


# A project has tens of thousands of strings and a handful of secrets, so each string first
# meets necessary conditions that cost little: its raw bytes may hold a token or a URL password
# (`may_hold_secret`), or else, the only other way to be reported, it has no whitespace (after an
# optional `Bearer `) and a name holding a secret word. What passes gets the full judgement below.
_WHITESPACE_BYTE = re.compile(rb"\s")
_SCHEME_BYTES = re.compile(rb"(Bearer|Basic|Token|Bot)\s")


# Where a string's parent is none of these, `_check_named` finds no name for it.
_NAMING_PARENTS = frozenset({
    "binary_expression", "comparison_operator", "jsx_expression", "jsx_attribute", "parenthesized_expression",
    "as_expression", "satisfies_expression", "array", "list", "variable_declarator", "pair", "keyword_argument",
    "assignment_expression", "assignment", "augmented_assignment", "public_field_definition", "field_definition",
    "property_signature", "arguments", "argument_list"})


_APP_PASSWORD_BYTES = re.compile(rb"['\"`][a-z]{4}( [a-z]{4}){3}['\"`]")
_APP_PASSWORD_LENGTH = 21  # the only length `_APP_PASSWORD_BYTES` matches: a quote, 4 words of 4, 3 spaces, a quote

# Quoted contents that `plausible_secret_value` refuses at any strength, whatever the name: a
# path, URL, reference or template (`/api`, `https://…`, `${x}`), an identifier or header name
# (`userName`, `content-type`, `application/json`), an env var name, a number or date. None of
# them can be an AWS secret key either (no digits, or a separator the key never holds), except
# a path, so 40-character contents are never refused.
_NOT_A_VALUE = re.compile(rb"(?:/|\./|\.\./|~/|https?://|[#@$%{]|data:).*|[A-Za-z]+(?:[_.:/-][A-Za-z]+)+|"
                          rb"[a-z]+(?:[A-Z][a-z]+)+|[A-Z][a-z]+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[\d.,:_-]+", re.S)
_QUOTES = b"'\"`"  # a plain quoted literal: a Python prefix or triple quote never matches `_NOT_A_VALUE`

# Parents whose own text holds the name a string is bound to or compared with (a key, a variable,
# a keyword, an assignment target, the other operand): the name is a slice of that text.
_NAMED_BY_PARENT = frozenset({
    "comparison_operator", "jsx_attribute", "variable_declarator", "pair", "keyword_argument",
    "assignment_expression", "assignment", "augmented_assignment", "public_field_definition", "field_definition",
    "property_signature"})
_ELEMENT_PARENTS = frozenset({"array", "list"})
# Every word `may_be_secret_name` looks for holds one of these (`password` holds `pass`, `apiKey` `key`).
_SECRET_WORD = re.compile(rb"key|pass|token|secret|pwd|credential|authorization", re.I)
# Every callee `_SECRET_CALLEE` accepts holds one of these.
_SECRET_CALLEE_WORD = re.compile(rb"jwt|JWT|jsonwebtoken|cookie|mac")


# `_SECRET_WORD` without IGNORECASE, for lower-cased bytes: a bytes pattern ignores only ASCII
# case, which is all `bytes.lower` changes, and the search runs three times faster.
_LOWER_SECRET_WORD = re.compile(_SECRET_WORD.pattern)

#: A necessary condition, on a JSON file's lower-cased bytes, of a string named a secret. A string
#: is named only by the key of the pair it is the value of, or, in an array (of arrays), of the
#: pair the outermost array is the value of (`binding_name`: JSON has no other names). That name
#: is the key's raw text (an escape such as `\u0070` spells nothing in it), and every name
#: `may_be_secret_name` takes holds a `_SECRET_WORD`, or a non-ASCII letter (the Kelvin sign,
#: U+212A, matches `k` ignoring case). So some string (the key) holds such a word, and after it
#: come blanks, line comments and the colon (left out when tree-sitter recovers a pair without
#: it), then the value, which starts with `"` or `[`.
#: A match starts at any quote no backslash escapes (after a pair that lacks its comma
#: tree-sitter still reads the next pair, so not only after `{` and `,`). From there the string
#: is read once: it is taken whole in a lookahead, which the regex engine never enters again, and
#: no two alternatives of a repeat start with the same byte. A string of non-ASCII text, of
#: secret words or of backslashes costs its length, not its square (or worse).
_NAMED_JSON_VALUE = re.compile(
    rb'(?<!\\)"(?=(?:[^"\\\n]|\\[^\n])*?\\?(?:' + _SECRET_WORD.pattern + rb'|[\x80-\xff]))'  # a word in the string
    rb'(?=((?:[^"\\\n]|\\[^\n])*))\1"'  # the whole string
    rb'(?:[\s:\x80-\xff]|//[^\n]*)*["\[]')


def _has_secret_word(text: bytes) -> bool:
    """Whether a slice of source may hold a name that `may_be_secret_name` accepts (non-ASCII text
    always may: a case-insensitive match of `key` also takes the Kelvin sign)."""
    return _LOWER_SECRET_WORD.search(text.lower()) is not None or not text.isascii()


def _secret_name(ctx: FileContext, node, lists: dict[tuple[int, int], str | None]) -> str | None:
    """The name `_check_named` would judge the string under, when it may be secret-like (else
    None); asked only for strings without whitespace (after an optional `Bearer `, or in an app
    password)."""
    source = ctx.source
    parent = node.parent
    kind = parent.type
    if kind not in _NAMING_PARENTS:
        return None
    if kind == "pair":
        # A pair's value is named by its key alone (`binding_name`), so only the key's text is
        # searched, not the whole pair (under a key such as "dependencies" that is a large
        # object); a key names a value and is never reported itself (`_skipped_position`).
        key = parent.child_by_field_name("key")
        if key is None or key == node or not _has_secret_word(source[key.start_byte:key.end_byte]):
            return None
        name = _name_for(ctx, node, parent)
    elif kind in _NAMED_BY_PARENT:
        if not _has_secret_word(source[parent.start_byte:parent.end_byte]):
            return None  # the name, a slice of the parent's text, holds no secret word
        name = _compared_name(ctx, node, parent) or _name_for(ctx, node, parent)
    elif kind in ("arguments", "argument_list"):
        call = parent.parent
        if call is None or _SECRET_CALLEE_WORD.search(source, call.start_byte, parent.start_byte) is None:
            return None  # the callee, written before the arguments, takes no secret
        name = _secret_argument(ctx, node, parent)  # an argument has no other name
    elif kind in _ELEMENT_PARENTS:
        key = (parent.start_byte, parent.end_byte)  # every element of a list has the list's name
        name = lists[key] if key in lists else lists.setdefault(key, _name_for(ctx, node, parent))
    else:
        # the parent is no argument list, where alone `_secret_argument` finds a name
        name = _compared_name(ctx, node, parent) or _name_for(ctx, node, parent)
    return name if may_be_secret_name(name) else None


def _may_be_named_value(ctx: FileContext, node, name: str) -> bool:
    """Whether the string's text could be reported under `name` (or as an AWS secret key): the
    text tests of `_check_named`, before `_check_string` climbs the tree to place the string."""
    text = string_content(ctx, node)
    if looks_like_aws_secret_key(text):
        return True
    return _named_value(name, text) is not None and not token_shaped(text)


def _named_value(name: str | None, text: str) -> tuple[str, int] | None:
    """(value, its offset in `text`) when `name` is secret-like and the literal a plausible real
    value for it (`Bearer <value>` under an `Authorization` name); else None."""
    strength = secret_name_strength(name)
    if not strength:
        return None
    value, start = text, 0
    if (name or "").lower() in ("authorization", "auth"):
        scheme = _SCHEME.match(text)
        if scheme is None:
            return None
        value, start = text[scheme.end():], scheme.end()
    if not plausible_secret_value(value, strength):
        return None
    return value, start


def _check_string(ctx: FileContext, node) -> Finding | None:
    if node.end_byte - node.start_byte < 10:
        return None
    text = string_content(ctx, node)
    if not _may_be_secret(text) or _skipped_position(ctx, node):
        return None
    if _in_secret_concatenation(ctx, node):
        return None  # the whole expression is reported (and replaced) once
    token = find_secret_token(text)
    if token is not None:
        if _public_by_design(ctx, node, token.kind, text):
            return None
        secret = text[token.start:token.end]
        name = _name_for(ctx, node)
        env = _env_name(ctx, node, name, token.env)
        message = f"Hardcoded {token.kind} `{redact(secret)}`: anyone who can read the code can use it"
        return _report(ctx, node, message, env, token.start, token.end)
    # a test's URL to a local host is the test's own database or broker, and one whose password
    # is a default or made-up words (`key:secret@sqs…`) is the test's input: fixtures
    cred = find_credential_url(text, local_hosts_ok=ctx.role.test, made_up_ok=ctx.role.test)
    if cred is not None and not in_logging_call(ctx, node):
        shown = f"{cred.group('scheme')}://{cred.group('user')}:****@{cred.group('host')}"
        name = _name_for(ctx, node)
        env = _env_name(ctx, node, name, credential_url_env(cred), url=True)
        message = f"Hardcoded password in the URL `{shown}`: anyone who can read the code can log in"
        whole = cred.start() == 0 and _url_end(text, cred.end()) == len(text)
        return _report(ctx, node, message, env, 0, len(text), allow_partial=False, fixable=whole)
    if looks_like_aws_secret_key(text) and _near_aws_key_id(ctx, node):
        env = _env_name(ctx, node, _name_for(ctx, node), "AWS_SECRET_ACCESS_KEY")
        message = f"Hardcoded AWS secret access key `{redact(text)}` next to its key ID: anyone who can read the code can use it"
        return _report(ctx, node, message, env, 0, len(text))
    return _check_named(ctx, node, text)


_AWS_KEY_ID = re.compile(rb"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")


def _near_aws_key_id(ctx: FileContext, node) -> bool:
    """An AWS access key ID within three lines of the string."""
    source = ctx.source
    start, end = node.start_byte, node.end_byte
    for _ in range(4):
        start = max(source.rfind(b"\n", 0, start), 0)
        found = source.find(b"\n", end + 1)
        end = len(source) if found < 0 else found
    return _AWS_KEY_ID.search(source, start, end) is not None


_SCHEME = re.compile(r"^(Bearer|Basic|Token|Bot)\s+")
_WHITESPACE = re.compile(r"\s")


def _may_be_secret(text: str) -> bool:
    """A cheap necessary condition for any of the three checks below, so the costly position and
    name lookups run only for the few strings that could be secrets."""
    if "://" in text and "@" in text:
        return True
    if may_hold_token(text):
        return True
    value = text[_SCHEME.match(text).end():] if _SCHEME.match(text) else text
    return 8 <= len(value) <= 1024 and (not _WHITESPACE.search(value) or is_app_password(value))


def _check_named(ctx: FileContext, node, text: str) -> Finding | None:
    """A literal bound to (or compared with) a secret-like name."""
    if not _judges_names(ctx.role):
        return None
    if _has_interpolation(node):
        return None
    if token_shaped(text):
        return None  # a placeholder or documentation key with a provider's prefix
    compared = _compared_name(ctx, node)
    name = compared or _name_for(ctx, node) or _secret_argument(ctx, node)
    found = _named_value(name, text)
    if found is None or _user_record(ctx, node):
        return None
    value, start = found
    env = _env_name(ctx, node, name, None, compared=bool(compared))
    if compared:
        message = f"`{name}` is compared with a hardcoded secret `{redact(value)}`: anyone who can read the code can use it"
    else:
        message = f"`{name}` holds a hardcoded secret `{redact(value)}`: it belongs in the environment, not in the source"
    return _report(ctx, node, message, env, start, len(text))


def _skipped_position(ctx: FileContext, node) -> bool:
    parent = node.parent
    if parent is None:
        return True
    if parent.child_by_field_name("key") == node or parent.child_by_field_name("name") == node:
        return True  # an object key or a property name names a secret, it does not hold one
    if any(a.type in ("type_annotation", "literal_type", "type_alias_declaration", "interface_declaration")
           for a in ancestors(node)):
        return True
    if ctx.language == PYTHON and (is_docstring(node) or parent.type in ("concatenated_string",)):
        return is_docstring(node)
    if parent.type in ("import_statement", "export_statement", "import_from_statement", "subscript",
                       "subscript_expression") and parent.child_by_field_name("value") != node:
        return True
    if is_env_fallback(ctx, node):
        return True  # SEC002 reports a secret as an env fallback
    return False


def _has_interpolation(node) -> bool:
    return any(c.type in ("template_substitution", "interpolation") for c in node.children)


def _public_by_design(ctx: FileContext, node, kind: str, text: str) -> bool:
    """Google keys in a Firebase web config or for Maps are restricted by referrer, not secret."""
    if kind != "Google API key":
        return False
    if "maps.googleapis.com" in text:
        return True
    name = (_name_for(ctx, node) or "").lower()
    if "map" in name or "firebase" in name:
        return True
    holder = node.parent.parent if node.parent is not None and node.parent.type == "pair" else None
    if holder is not None:
        siblings = ctx.text_of(holder)
        return bool(re.search(r"authDomain|messagingSenderId|storageBucket|auth_domain", siblings))
    return False


def _name_for(ctx: FileContext, node, parent=None) -> str | None:
    """The name a literal is bound to (`parent`: its parent, when the caller has it: finding it
    walks the tree)."""
    parent = node.parent if parent is None else parent
    if parent is not None and parent.type == "jsx_expression":
        parent = parent.parent
    if parent is not None and parent.type == "jsx_attribute":
        ident = parent.named_children[0] if parent.named_children else None
        return ctx.text_of(ident) if ident is not None else None
    return binding_name(ctx, node)


def _user_record(ctx: FileContext, node) -> bool:
    """`[{ email: "ada@…", password: "…" }, …]`: seed or fixture users, not the app's credentials."""
    pair = node.parent
    obj = pair.parent if pair is not None and pair.type == "pair" else None
    if obj is None or obj.parent is None or obj.parent.type not in ("array", "list"):
        return False
    keys = {ctx.text_of(p.child_by_field_name("key")).strip("'\"").lower() for p in obj.named_children
            if p.type == "pair" and p.child_by_field_name("key") is not None}
    return bool(keys & {"email", "username", "user_name", "login", "name", "first_name", "firstname"})


def _secret_argument(ctx: FileContext, node, parent=None) -> str | None:
    """The secret parameter of a well-known call: `jwt.sign(payload, "…")`, `cookieParser("…")`
    (`parent`: the literal's parent, when the caller has it)."""
    parent = node.parent if parent is None else parent
    if parent is None or parent.type not in ("arguments", "argument_list") or parent.parent is None:
        return None
    callee = callee_text(ctx, parent.parent)
    if not _SECRET_CALLEE.search(callee):
        return None
    args = [a for a in parent.named_children if a.type != "comment"]
    for pattern, position, name in SECRET_ARGUMENTS:
        if pattern.search(callee) and len(args) > position and args[position] == node:
            return name
    return None


def _compared_name(ctx: FileContext, node, parent=None) -> str | None:
    """`password === "admin123"`, `if token == "…"`: the name on the other side (`parent`: the
    literal's parent, when the caller has it)."""
    parent = node.parent if parent is None else parent
    if parent is None:
        return None
    if parent.type == "binary_expression":
        op = parent.child_by_field_name("operator")
        if op is None or ctx.text_of(op) not in ("===", "==", "!==", "!="):
            return None
        left, right = parent.child_by_field_name("left"), parent.child_by_field_name("right")
        other = right if left == node else left
    elif parent.type == "comparison_operator" and parent.named_child_count == 2:
        other = parent.named_children[0] if parent.named_children[1] == node else parent.named_children[1]
    else:
        return None
    if other is None or other.type not in ("identifier", "member_expression", "attribute", "subscript_expression",
                                           "subscript"):
        return None
    return re.split(r"[.\[\]'\"]+", ctx.text_of(other).strip("]'\""))[-1] or None


def _url_end(text: str, offset: int) -> int:
    m = re.match(r"[^\s'\"`]*", text[offset:])
    return offset + (m.end() if m else 0)


# ------------------------------------------------------------------ naming the variable

def _env_name(ctx: FileContext, node, name: str | None, provider_env: str | None, url: bool = False,
              compared: bool = False) -> str:
    snake = screaming_snake(name) if name else ""
    if provider_env and snake and (provider_env.endswith(snake) or
                                   (provider_env != "JWT" and not secret_name_strength(name) and not url)):
        return provider_env  # accessKeyId -> AWS_ACCESS_KEY_ID, SENDGRID -> SENDGRID_API_KEY
    if url and snake and not re.search(r"(URL|URI|DSN|CONNECTION_STRING|CONN_STR)$", snake):
        snake = ""  # `const mongo = "mongodb://…"` -> MONGODB_URI
    if snake and snake not in GENERIC and not (url and snake in ("URL", "URI", "DSN", "CONNECTION_STRING")):
        return snake
    if provider_env:
        return provider_env
    prefix = _context_prefix(ctx, node)
    if compared and not prefix:
        prefix = "ADMIN"
    if not snake:
        return f"{prefix}_SECRET" if prefix else "APP_SECRET"
    if prefix and not snake.startswith(prefix + "_"):
        return f"{prefix}_{snake}"
    return snake


def _context_prefix(ctx: FileContext, node) -> str:
    """A word from where the literal sits: the call it is passed to or the object it is part of."""
    for parent in ancestors(node):
        if parent.type in ("statement_block", "block", "module", "program", "function_definition"):
            return ""
        if parent.type in ("call_expression", "new_expression", "call"):
            callee = callee_text(ctx, parent)
            lowered = callee.lower()
            for provider in PROVIDERS:
                if provider in lowered:
                    return provider.upper()
            for pattern, prefix in CALL_PREFIXES:
                if pattern.search(callee):
                    return prefix
            return ""
        if parent.type in ("variable_declarator", "assignment", "assignment_expression") or \
                (parent.type == "pair" and parent.child_by_field_name("value") is not None
                 and parent.child_by_field_name("value").type in ("object", "dictionary")
                 and node.start_byte >= parent.child_by_field_name("value").start_byte):
            target = parent.child_by_field_name("name") or parent.child_by_field_name("left") \
                or parent.child_by_field_name("key")
            if target is None:
                return ""
            words = [w for w in screaming_snake(ctx.text_of(target).strip("'\"")).split("_")
                     if w not in ("CONFIG", "CONF", "OPTIONS", "OPTS", "SETTINGS", "PARAMS", "CREDENTIALS", "CREDS",
                                  "AUTH")]
            return "_".join(words)
    return ""


# ------------------------------------------------------------------ reporting and the fix

def _report(ctx: FileContext, node, message: str, env: str, start: int, end: int, allow_partial: bool = True,
            fixable: bool = True) -> Finding:
    vite = ctx.language in JS_LIKE and (ctx.role.vite_client or b"import.meta.env" in ctx.source)
    client_directive = ctx.language in JS_LIKE and re.match(rb"^\s*['\"]use client['\"]", ctx.source) is not None
    if vite or client_directive:
        message += "; this code runs in the browser, where no secret can be kept: move the call to a server"
    fixes: list[Fix] = []
    if ctx.language == JSON:
        fixes.append(ctx.fix(f"Move the value to the {env} environment variable", Applicability.DISPLAY))
    elif fixable and not ctx.role.test:  # a test's fixture key is moved by hand, with the CI setup
        fix = _code_fix(ctx, node, env, start, end, allow_partial)
        if fix is not None:
            fixes.append(fix)
    return ctx.finding(node, message, fixes)


def _typed_lookup(ctx: FileContext, env: str) -> tuple[str, list]:
    """The env read the fix writes, and the edits it needs (`typed_lookup`)."""
    return typed_lookup(ctx, env, env_lookup(ctx, env))


def _code_fix(ctx: FileContext, node, env: str, start: int, end: int, allow_partial: bool) -> Fix | None:
    lookup, extra = _typed_lookup(ctx, env)
    example_name = lookup.split(".")[-1] if lookup.startswith("import.meta.env.") else env
    text = string_content(ctx, node)
    if re.fullmatch(r"(\\[nr]|\s)*", text[end:]):
        end = len(text)  # a PEM block's trailing newline
    whole = start == 0 and end == len(text)
    if not whole and not allow_partial:
        return None
    if ctx.language in JS_LIKE:
        if whole:
            replacement = lookup
            parent = node.parent
            if parent is not None and parent.type == "jsx_attribute":
                replacement = "{" + lookup + "}"
        elif node.type == "template_string":
            replacement = "`" + text[:start] + "${" + lookup + "}" + text[end:] + "`"
        else:
            if "\\" in text:
                return None
            esc = [part.replace("`", "\\`").replace("${", "\\${") for part in (text[:start], text[end:])]
            replacement = "`" + esc[0] + "${" + lookup + "}" + esc[1] + "`"
        edits = [ctx.replace(node, replacement)] + extra
    else:
        raw = ctx.text_of(node)
        prefix = re.match(r"^[rRbBuUfF]{0,2}", raw).group(0)
        quote = raw[len(prefix)]
        if prefix.lower() not in ("", "f") or raw[len(prefix):].startswith(quote * 3):
            return None
        if whole:
            replacement = lookup
        else:
            inner = "'" if quote == '"' else '"'
            lookup_inner = lookup.replace('"', inner) if inner == "'" else lookup.replace("'", inner)
            if "{" in text or "}" in text and "f" not in prefix.lower():
                return None
            replacement = f"f{quote}{text[:start]}{{{lookup_inner}}}{text[end:]}{quote}"
        edits = [ctx.replace(node, replacement)]
        imp = python_import_edit(ctx, "os")
        if imp is not None:
            edits.insert(0, imp)
    edits.append(ctx.ensure_lines(".env.example", f"{example_name}="))
    return ctx.fix(f"Read the secret from {lookup}", Applicability.UNSAFE, *edits)


# ------------------------------------------------------------------ Dockerfile and .env templates

_DOCKER_ASSIGN = re.compile(r"(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\S+)")
_DOCKER_ENV_OR_ARG = re.compile(r"^\s*(ENV|ARG)\s+(.*)$", re.I)


def _line_offsets(ctx: FileContext) -> Iterator[tuple[int, int, str]]:
    offset = 0
    for row, line in enumerate(ctx.lines()):
        yield row, offset, line.rstrip("\r")
        offset += len(line.encode()) + 1


def _span_in_line(ctx: FileContext, line_start: int, line: str, start: int, end: int):
    return ctx.span_of(line_start + len(line[:start].encode()), line_start + len(line[:end].encode()))


def _check_dockerfile(ctx: FileContext) -> Iterator[Finding]:
    advice = ctx.fix("Pass the secret at run time (`docker run -e`, the platform's secrets, or a BuildKit "
                     "secret mount) instead of baking it into the image", Applicability.DISPLAY)
    # A token or URL password in a line is one in the file's bytes (`may_hold_secret`): most
    # Dockerfiles hold none, and their lines are then read for `ENV`/`ARG` names only.
    tokens = may_hold_secret(ctx.source)
    if not tokens and not _has_secret_word(ctx.source):
        return  # then only an `ENV`/`ARG` name can make a value a secret, and every one it takes is ASCII
    for _, start, line in _line_offsets(ctx):
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        token = find_secret_token(line) if tokens else None
        if token is not None:
            yield ctx.finding(_span_in_line(ctx, start, line, token.start, token.end),
                              f"Hardcoded {token.kind} `{redact(line[token.start:token.end])}` in the Dockerfile: "
                              f"it ends up in every image layer", [advice])
            continue
        cred = find_credential_url(line) if tokens else None
        if cred is not None:
            yield ctx.finding(_span_in_line(ctx, start, line, cred.start(), cred.end()),
                              f"Hardcoded password in the URL `{cred.group('scheme')}://{cred.group('user')}:****@"
                              f"{cred.group('host')}` in the Dockerfile: it ends up in every image layer", [advice])
            continue
        m = _DOCKER_ENV_OR_ARG.match(line)
        if not m:
            continue
        body_at = m.start(2)
        body = m.group(2)
        pairs = [(a.group(1), a.group(2), a.start(2)) for a in _DOCKER_ASSIGN.finditer(body)]
        if not pairs and m.group(1).upper() == "ENV":
            legacy = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)\s+(.+)$", body)
            if legacy:
                pairs = [(legacy.group(1), legacy.group(2).strip(), legacy.start(2))]
        for key, value, at in pairs:
            unquoted = value[1:-1] if value[:1] in "\"'" and value.endswith(value[:1]) and len(value) > 1 else value
            strength = secret_name_strength(key)
            if strength and plausible_secret_value(unquoted, strength):
                col = body_at + at
                yield ctx.finding(_span_in_line(ctx, start, line, col, col + len(value)),
                                  f"`{key}` holds a hardcoded secret `{redact(unquoted)}` in the Dockerfile: "
                                  f"it ends up in every image layer", [advice])


def _check_env_template(ctx: FileContext) -> Iterator[Finding]:
    """A committed `.env.example` should hold names, not real values."""
    if not TEMPLATE_ENV.match(os.path.basename(ctx.path)) or not may_hold_secret(ctx.source):
        return  # only a token or a URL password is reported, and either is one in the file's bytes
    for entry in dotenv_entries(ctx.lines()):
        if "." in entry.name or not entry.raw or entry.raw.startswith("#"):
            continue
        value = entry.raw
        token = find_secret_token(value)
        cred = None if token is not None else find_credential_url(value, local_defaults_ok=True)
        if token is None and cred is None:
            continue
        shown = redact(value[token.start:token.end]) if token else \
            f"{cred.group('scheme')}://{cred.group('user')}:****@{cred.group('host')}"
        what = token.kind if token else "password in a URL"
        span = _span_in_line(ctx, entry.line_start, entry.line, entry.raw_start, entry.raw_start + len(value))
        fix = ctx.fix(f"Empty the value of {entry.name}", Applicability.SAFE, ctx.replace(span, ""))
        yield ctx.finding(span, f"Real {what} `{shown}` in the committed template "
                                f"`{os.path.basename(ctx.path)}`: it should hold only the variable's name", [fix])


# ------------------------------------------------------------------ comments and split keys

def _check_comments(ctx: FileContext, comments: list) -> Iterator[Finding]:
    """A provider token in a comment leaks like one in code (the comment is committed too).
    `comments` are those whose bytes `SECRET_HINT` matches (`may_hold_secret`)."""
    for node in comments:
        text = ctx.text_of(node)
        token = find_secret_token(text)
        if token is None:
            continue
        secret = text[token.start:token.end]
        start = node.start_byte + len(text[:token.start].encode())
        span = ctx.span_of(start, start + len(secret.encode()))
        fix = ctx.fix("Remove the token from the comment", Applicability.SAFE, ctx.replace(span, "<redacted>"))
        yield ctx.finding(span, f"{token.kind} `{redact(secret)}` in a comment: the comment is committed with the "
                                f"code, so the token leaks all the same; rotate it", [fix])


_CONCAT_TYPES = frozenset({"binary_expression", "binary_operator"})


def _is_concat(ctx: FileContext, node) -> bool:
    if node is None or node.type not in _CONCAT_TYPES:
        return False
    op = node.child_by_field_name("operator")
    return op is not None and ctx.source[op.start_byte:op.end_byte] == b"+"


#: the only node types `_fold` may give a string for (a `+` is a binary expression or operator)
_FOLDED_TYPES = frozenset({"parenthesized_expression", "binary_expression", "binary_operator", "template_string",
                           "string", "identifier"})


def _fold(ctx: FileContext, node, depth: int = 0) -> str | None:
    """The string a `+` concatenation, a template literal or a constant evaluates to when every
    part is a literal or a constant bound to one in the file; else None."""
    if node is None or depth > 6:
        return None
    if node.type == "parenthesized_expression" and node.named_child_count == 1:
        return _fold(ctx, node.named_children[0], depth + 1)
    if _is_concat(ctx, node):
        left = _fold(ctx, node.child_by_field_name("left"), depth + 1)
        right = _fold(ctx, node.child_by_field_name("right"), depth + 1) if left is not None else None
        return None if right is None else left + right
    if node.type == "template_string":
        children = node.named_children
        for child in children:  # a `${}` that cannot fold fails the whole: before any name is looked up
            if child.type == "template_substitution" and (
                    not child.named_children or child.named_children[0].type not in _FOLDED_TYPES):
                return None
        parts = []
        for child in children:
            if child.type == "template_substitution":
                inner = _fold(ctx, child.named_children[0] if child.named_children else None, depth + 1)
                if inner is None:
                    return None
                parts.append(inner)
            else:
                parts.append(ctx.text_of(child))
        return "".join(parts)
    if node.type == "string":
        raw = ctx.text_of(node)
        if ctx.language == PYTHON and (re.match(r"^[rRbBfF]", raw) or node.named_child_count > 2):
            return None if any(c.type == "interpolation" for c in node.named_children) else string_content(ctx, node)
        return string_content(ctx, node)
    if node.type == "identifier":
        bound = _bound_value(ctx, ctx.text_of(node))
        return _fold(ctx, bound, depth + 1) if bound is not None and bound != node else None
    return None


def _bound_value(ctx: FileContext, name: str):
    """The value first bound to `name` in the file. When the editor re-lints an edited region the
    whole-file binding table would cost a full-tree walk per keystroke, so the binding is found by
    its text (`const NAME =`, `NAME =` at the start of a line) and read from the tree there."""
    if ctx.byte_range is None:
        return _first_binding(ctx, name)
    if ctx.tree is None or not re.fullmatch(r"[A-Za-z_$][\w$]*", name):
        return None
    escaped = re.escape(name.encode())
    pattern = rb"(?m)^[ \t]*" + escaped + rb"\s*(?::[^=\n]+)?=(?!=)" if ctx.language == PYTHON else \
        rb"\b(?:const|let|var)\s+" + escaped + rb"\s*(?::[^=;\n]+)?=(?!=)"
    for m in re.finditer(pattern, ctx.source):
        at = m.end(0) - 1
        node = ctx.tree.root_node.descendant_for_byte_range(at, at + 1)
        wanted = "assignment" if ctx.language == PYTHON else "variable_declarator"
        while node is not None and node.type != wanted:
            node = node.parent
        if node is None:
            continue
        left = node.child_by_field_name("left" if ctx.language == PYTHON else "name")
        if left is not None and left.type == "identifier" and ctx.text_of(left) == name:
            return node.child_by_field_name("right" if ctx.language == PYTHON else "value")
    return None


#: bytes that continue an identifier (ASCII ones: the grammars' identifiers take more)
_PY_IDENTIFIER_BYTES = ASCII_WORD_BYTES
_JS_IDENTIFIER_BYTES = ASCII_JS_NAME_BYTES


#: names `_first_binding` finds by searching the file's bytes before it builds the file's table of
#: bindings instead: each search reads the file from the start, so a file joining thousands of
#: names (generated code, a bundle) cost its length times the number of names
_SEARCHES_BEFORE_TABLE = 16


def _first_binding(ctx: FileContext, name: str):
    """`js_declarations(ctx).get(name)` (`py_assignments` in Python), found without building the
    table: a split key names a few constants, and the table costs a walk over every declaration
    of the file, which nothing else reads in most files. It is the same node: a declarator (an
    assignment) binds the identifier it starts with, so the table's first binding of `name`, in
    document order, is the one whose identifier comes first, and that identifier is an
    occurrence of `name`'s bytes (ASCII: the table decodes each name, a non-ASCII byte never
    decodes to an ASCII character) that no identifier character follows."""
    if ctx.tree is None or not name.isascii():
        return (py_assignments(ctx) if ctx.language == PYTHON else js_declarations(ctx)).get(name)
    bound = ctx.memo("hardcoded_secret.bindings", dict)  # name -> value, per file
    if name in bound:
        return bound[name]
    if len(bound) >= _SEARCHES_BEFORE_TABLE:  # many names: one walk, not a search of the file per name
        table = py_assignments(ctx) if ctx.language == PYTHON else js_declarations(ctx)
        value = bound[name] = table.get(name)
        return value
    kind, name_field, value_field = ("assignment", "left", "right") if ctx.language == PYTHON else \
        ("variable_declarator", "name", "value")
    source = ctx.source
    indexed = _indexed_starts(ctx)
    descendant = ctx.tree.root_node.descendant_for_byte_range
    value = None
    for at, after in _occurrences(source, name, ctx.language == PYTHON):
        parent = node = None
        if indexed is None:  # the identifier there, and the binding it may start
            node = descendant(at, after)
            if node is not None and node.type == "identifier" and node.start_byte == at \
                    and node.end_byte == after:
                parent = node.parent
        else:  # a binding the index has there, and its name
            starts, nodes = indexed
            i = bisect_left(starts, at)
            while i < len(starts) and starts[i] == at and parent is None:
                if nodes[i].type == kind:
                    parent = nodes[i]
                    node = parent.child_by_field_name(name_field)
                i += 1
        if parent is not None and parent.type == kind and node is not None and node.type == "identifier" \
                and node.start_byte == at and node.end_byte == after \
                and parent.child_by_field_name(name_field) == node:
            value = parent.child_by_field_name(value_field)
            if value is not None:
                break
    bound[name] = value
    return value


#: occurrences of a name followed by an identifier byte (`a1` in `a10`) that `_occurrences` steps
#: over itself before it hands the rest of the file to a regex
_MISSES_BEFORE_REGEX = 32


def _occurrences(source: bytes, name: str, python: bool) -> Iterator[tuple[int, int]]:
    """Where `name` may be an identifier: its bytes with no ASCII identifier byte after them (an
    identifier token takes every identifier character that follows it), as (start, end), as
    `_occurrence_pattern(name, python).finditer(source)` finds them. Most names occur a few
    times, where `bytes.find` answers without compiling a regex per name (a regex compile cost
    more than the search it served); a name occurring inside many longer ones (`a1` in
    `a10`…`a1999`) is left to that regex after `_MISSES_BEFORE_REGEX` of them, so its engine
    skips them, not a Python loop. The byte before is not asked: the tree decides (`1KEY` may
    parse as a number and the identifier `KEY`)."""
    needle = name.encode()
    if not needle:
        yield from (m.span() for m in _occurrence_pattern(name, python).finditer(source))
        return
    word = _PY_IDENTIFIER_BYTES if python else _JS_IDENTIFIER_BYTES
    size, length, misses = len(needle), len(source), 0
    at = source.find(needle)
    while at >= 0:
        after = at + size
        if after >= length or source[after] not in word:
            yield at, after
            at = source.find(needle, after)
            continue
        misses += 1
        if misses > _MISSES_BEFORE_REGEX:
            yield from (m.span() for m in _occurrence_pattern(name, python).finditer(source, at + 1))
            return
        at = source.find(needle, at + 1)


@lru_cache(maxsize=1024)
def _occurrence_pattern(name: str, python: bool) -> re.Pattern[bytes]:
    word = rb"A-Za-z0-9_" if python else rb"A-Za-z0-9_$"
    return re.compile(re.escape(name.encode()) + rb"(?![" + word + rb"])")


def _indexed_starts(ctx: FileContext) -> tuple[list[int], list] | None:
    """The node index of a production file, which the engine builds from its query's pass (a
    test's is built only when asked, by a query of its own): its nodes, declarators and
    assignments among them, in document order, and where each starts. None where the tree has an
    error, under which a binding might start before its name."""
    if ctx.role.non_production or ctx.tree.root_node.has_error:
        return None
    return node_index(ctx)


def _outermost_concat(ctx: FileContext, node):
    top = node
    parent = node.parent
    while parent is not None:
        if _is_concat(ctx, parent) or parent.type == "parenthesized_expression":
            top = parent
        elif parent.type == "template_substitution" and parent.parent is not None:
            top = parent = parent.parent
        else:
            break
        parent = parent.parent
    while top.type == "parenthesized_expression" and top.parent is not None and _is_concat(ctx, top.parent):
        top = top.parent
    return top


def _split_token(ctx: FileContext, node):
    """(folded text, token) of a concatenation or template literal whose pieces only hold a token
    once joined (`"ghp_" + REST`, `` `${PREFIX}abc…` ``)."""
    if not (_is_concat(ctx, node) or (node.type == "template_string"
                                       and any(c.type == "template_substitution" for c in node.named_children))):
        return None
    return _joined_token(ctx, node)


def _joined_token(ctx: FileContext, node):
    """`_split_token` of a `+` expression or a template literal with a `${}` (as the query
    captures them)."""
    text = _fold(ctx, node)
    if text is None or not text.strip() or not may_hold_secret(text.encode()):
        return None  # a token in the text is one in its bytes, which the byte gate then finds
    token = find_secret_token(text)
    return (text, token) if token is not None else None


def _in_secret_concatenation(ctx: FileContext, node) -> bool:
    top = _outermost_concat(ctx, node)
    return top is not node and _split_token(ctx, top) is not None


# A node under one of these (or under a `+`) is part of a larger expression, judged whole.
_JOINED_PARENTS = frozenset({"parenthesized_expression", "template_substitution"})


def _check_concatenations(ctx: FileContext, nodes: list) -> Iterator[Finding]:
    """`+` expressions and template literals that join a token (the outermost of each chain)."""
    for node in nodes:
        found = _joined_token(ctx, node)  # the query captured it as a `+` or a `${}` template
        if found is None:
            continue
        parent = node.parent  # asked after the fold, which fails for most: finding a parent walks the tree
        if parent is not None and (parent.type in _JOINED_PARENTS or _is_concat(ctx, parent)):
            continue  # `_outermost_concat` would climb past it
        text, token = found
        secret = text[token.start:token.end]
        name = _name_for(ctx, node)
        env = _env_name(ctx, node, name, token.env)
        message = (f"Hardcoded {token.kind} `{redact(secret)}`, split across strings and joined at run time: "
                   f"anyone who can read the code can join it too")
        fixes = []
        if not ctx.role.test and token.start == 0 and token.end == len(text):
            lookup, extra = _typed_lookup(ctx, env)
            example_name = lookup.split(".")[-1] if lookup.startswith("import.meta.env.") else env
            edits = [ctx.replace(node, lookup)] + extra
            if ctx.language == PYTHON:
                imp = python_import_edit(ctx, "os")
                if imp is not None:
                    edits.insert(0, imp)
            edits.append(ctx.ensure_lines(".env.example", f"{example_name}="))
            fixes.append(ctx.fix(f"Read the secret from {lookup}", Applicability.UNSAFE, *edits))
        yield ctx.finding(node, message, fixes)


# ------------------------------------------------------------------ committed .env files and compose

REAL_ENV = re.compile(r"^\.env(\.(local|production|prod|staging|stage|live)|\.[\w-]+\.local)?$", re.I)
#: env files of a developer's machine or a test run: a password in a URL to a local host there
#: (`postgres://postgres:postgres@localhost:5432/app_test`) is that machine's own database
_DEV_OR_TEST_ENV = re.compile(r"^\.env\.(development|dev|test|testing|e2e)$", re.I)


def _env_value(raw: str) -> tuple[str, int]:
    """The value of an env assignment without quotes or a trailing comment, and its offset in `raw`."""
    if raw and raw[0] in "\"'":  # an empty value (`FOO:`) has no quote to look at
        end = raw.find(raw[0], 1)
        if end > 0:
            return raw[1:end], 1
    value = re.sub(r"\s+#.*$", "", raw)
    return value, 0


def _secret_in_value(name: str, value: str, named: bool, tokens: bool = True,
                     local_hosts_ok: bool = False, local_defaults_ok: bool = False) -> tuple[str, int, int] | None:
    """(what, start, end) of a secret in an env value: a provider token, a URL password (but on
    a local host, with `local_hosts_ok`; but a well-known default, with `local_defaults_ok`), or
    with `named`, a plausible value of a secret-named variable (but a well-known default password,
    with `local_defaults_ok`: `POSTGRES_PASSWORD: postgres`, as `postgres:postgres@db` in a URL
    beside it). `tokens` False: the file's bytes
    hold neither a token nor a URL password (`may_hold_secret`), so the value, a piece of a line
    of it, holds none either."""
    if tokens:
        token = find_secret_token(value)
        if token is not None:
            return token.kind, token.start, token.end
        cred = find_credential_url(value, local_defaults_ok=local_defaults_ok, local_hosts_ok=local_hosts_ok)
        if cred is not None:
            return "password in a URL", cred.start("password"), cred.end("password")
    # `may_be_secret_name` first: a cheap necessary condition of `is_secret_env_name` (strength >= 1)
    if named and value and may_be_secret_name(name) and is_secret_env_name(name) and not is_placeholder(value) \
            and not (local_defaults_ok and is_default_password(value)) \
            and (plausible_secret_value(value, secret_name_strength(name)) or is_app_password(value)):
        return "secret", 0, len(value)
    return None


def _check_committed_env(ctx: FileContext) -> Iterator[Finding]:
    """Each secret line of an env file git does not ignore (SEC003 reports the file itself)."""
    base = os.path.basename(ctx.path)
    named = REAL_ENV.match(base) is not None  # `.env.development`, `.env.test`: committed on purpose
    local_hosts_ok = _DEV_OR_TEST_ENV.match(base) is not None  # their database is on this machine
    tokens = may_hold_secret(ctx.source)
    if not (tokens or named) or not (tokens or _has_secret_word(ctx.source)):
        # without a token or URL password in its bytes, only a named value can be reported, under
        # a name (ASCII, `dotenv_entries`) that `may_be_secret_name` takes, so holding a secret word
        return
    advice = ctx.fix(f"Rotate it, set it in the deployment's secrets and git-ignore {base}", Applicability.DISPLAY)
    for entry in dotenv_entries(ctx.lines()):
        if not entry.raw:
            continue
        value, quote = _env_value(entry.raw)
        found = _secret_in_value(entry.name, value, named, tokens, local_hosts_ok)
        if found is None:
            continue
        what, a, b = found
        col = entry.raw_start + quote
        yield ctx.finding(_span_in_line(ctx, entry.line_start, entry.line, col + a, col + b),
                          f"`{entry.name}` holds a real {what} `{redact(value[a:b])}` in `{base}`, which git does not "
                          f"ignore: it is committed with the code", [advice])


_COMPOSE_DEV = re.compile(r"(dev|local|test|override|ci)", re.I)
#: the value (group 5) without its trailing blanks: `((?:.*\S)?)\s*$` is `(.*?)\s*$`, which tried the
#: blanks after each byte of a value holding a long run of them (17 s for 40 KB)
_COMPOSE_ENTRY = re.compile(r"^(-\s*)?([\"']?)([A-Za-z_][A-Za-z0-9_.]*)\s*([=:])\s*((?:.*\S)?)\s*$")


def _check_compose(ctx: FileContext) -> Iterator[Finding]:
    """Secrets in the `environment:` of compose services. Provider tokens and URL passwords in any
    service; a secret-named variable's value only in services built from the app's own code
    (`build:`), in compose files that are not for development (an `image: postgres` service's
    `POSTGRES_PASSWORD` is the database's local default)."""
    named_file = not _COMPOSE_DEV.search(os.path.basename(ctx.path))
    token_rows = _rows_with_secrets(ctx.source)
    tokens = bool(token_rows)  # `may_hold_secret(ctx.source)`
    if not (tokens or named_file) or not (tokens or _has_secret_word(ctx.source)):
        # without a token or URL password in its bytes, only a named value can be reported, under
        # a name (ASCII, `_COMPOSE_ENTRY`) that `may_be_secret_name` takes, so holding a secret word
        return
    advice = ctx.fix("Read it from the environment (`KEY: ${KEY}`) or an ignored `env_file`, and rotate it",
                     Applicability.DISPLAY)
    # whether a service is built from source matters only for a value `_secret_in_value` may
    # judge by its name, and it judges none whose name `may_be_secret_name` refuses
    judged = may_be_secret_name if named_file else (lambda name: False)
    # a value holds a token or URL password only on a line that may hold one, and a secret-like
    # name (judged in files not for development) holds a secret word: only those lines are read
    if named_file:
        word_rows = _rows_with_secret_words(ctx.source)
        rows = None if word_rows is None else word_rows | token_rows
    else:
        rows = token_rows
    for service, built, line_start, line, col, name, value in _compose_environment(ctx, judged, rows):
        # `postgres://postgres:postgres@db/app`: the database image's own default, which the
        # file leaves unreported as `POSTGRES_PASSWORD` too
        found = _secret_in_value(name, value, named_file and built, tokens, local_defaults_ok=True)
        if found is None:
            continue
        what, a, b = found
        yield ctx.finding(_span_in_line(ctx, line_start, line, col + a, col + b),
                          f"`{name}` of service `{service}` holds a hardcoded {what} `{redact(value[a:b])}` in "
                          f"`{os.path.basename(ctx.path)}`: it is committed with the code", [advice])


_BUILD_KEY = re.compile(r"^\s*build\s*:")
_ENVIRONMENT_KEY = re.compile(r"^environment\s*:\s*$")


def _line_starts(ctx: FileContext, lines: list[str]) -> list[int]:
    """Where each of the file's `lines` starts, as the lengths of the lines encoded again (a
    byte that did not decode counts as its replacement): the lengths of the file's byte lines,
    unless a replacement character is in the text."""
    if "\ufffd" in ctx.text:
        return list(accumulate((len(text.encode()) + 1 for text in lines), initial=0))
    return list(accumulate(map((1).__add__, map(len, ctx.source.split(b"\n"))), initial=0))


def _rows_with_secrets(source: bytes) -> set[int]:
    """The rows of the lines whose bytes may hold a token or URL password (`may_hold_secret`):
    a match of `SECRET_HINT` never spans lines and holds one of `SECRET_GATE`, so only the lines
    of the gate's matches are searched, not the whole file (the file holds one where a row is)."""
    rows: set[int] = set()
    row, at, line_end = 0, 0, -1
    for m in SECRET_GATE.finditer(source):
        found = m.start()
        if found < line_end:
            continue  # its line is judged
        row, at = row + source.count(b"\n", at, found), found
        line_end = source.find(b"\n", found)
        line_end = len(source) if line_end < 0 else line_end
        if SECRET_HINT.search(source, source.rfind(b"\n", 0, found) + 1, line_end) is not None:
            rows.add(row)
    return rows


def _rows_with_secret_words(source: bytes) -> set[int] | None:
    """The rows of the lines holding a `_SECRET_WORD` (None, any row, in a file not in ASCII)."""
    if not source.isascii():
        return None
    rows, row, at = set(), 0, 0
    for m in _LOWER_SECRET_WORD.finditer(source.lower()):
        row, at = row + source.count(b"\n", at, m.start()), m.start()
        rows.add(row)
    return rows


def _compose_environment(ctx: FileContext, judged: Callable[[str], bool] = lambda name: True,
                         rows: Container[int] | None = None) -> Iterator[tuple[str, bool, int, str, int, str, str]]:
    """(service, built from source, line start, line, value column, name, value) of every entry
    under a service's `environment:`, in map (`KEY: value`) and list (`- KEY=value`) form, on the
    given `rows` only (if any); `built` is worked out only for an entry whose name `judged`
    accepts (False for the others)."""
    if b"environment" not in ctx.source:
        return  # every entry sits under a line `environment:` (most compose files have none)
    raw = ctx.lines()
    lines = [line.rstrip("\r") for line in raw]
    services: list[tuple[str, int, int]] = []  # name, first row, service indent
    in_services, service_indent, deeper = False, None, None
    for row, line in enumerate(lines):
        if line[:1] == " " and (not in_services or deeper is not None and line.startswith(deeper)):
            continue  # indented: not a service outside `services:`, nor one deeper than a service
        content = line.split(" #", 1)[0].rstrip()
        if not content:
            continue
        lead = content.lstrip()
        if lead.startswith("#"):
            continue
        indent = len(content) - len(content.lstrip(" "))
        if indent == 0:
            in_services, service_indent, deeper = content.startswith("services:"), None, None
            continue
        if in_services and (service_indent is None or indent <= service_indent) and content.endswith(":"):
            service_indent, deeper = indent, " " * (indent + 1)
            services.append((lead[:-1].strip("\"'"), row, indent))
    starts: list[int] = []  # each line's byte offset, worked out for the first entry found
    for i, (service, first, indent) in enumerate(services):
        last = services[i + 1][1] if i + 1 < len(services) else len(lines)
        built = None  # whether the service is built from source: asked once it has an entry
        env_indent = None
        for row in range(first + 1, last):
            line = lines[row]
            if env_indent is None and "environment" not in line:
                continue  # outside `environment:` only its key changes anything
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            indent_here = len(line) - len(line.lstrip(" "))
            if indent_here <= indent:
                continue  # not in the service's block
            if env_indent is not None and indent_here <= env_indent:
                env_indent = None
            if env_indent is None:
                if stripped.startswith("environment") and _ENVIRONMENT_KEY.match(stripped):
                    env_indent = indent_here
                continue
            if rows is not None and row not in rows:
                continue
            m = _COMPOSE_ENTRY.match(stripped)
            if not m or (m.group(1) is None and m.group(4) != ":") or (m.group(1) and m.group(4) != "="
                                                                       and not m.group(2)):
                continue
            raw_value = m.group(5)
            if m.group(2) and raw_value.endswith(m.group(2)):
                raw_value = raw_value[:-1]
            value, quote = _env_value(raw_value)
            if value.startswith("$"):
                continue
            if built is None and judged(m.group(3)):
                built = any(_BUILD_KEY.match(lines[r]) and len(lines[r]) - len(lines[r].lstrip(" ")) > indent
                            for r in range(first + 1, last))
            if not starts:
                starts = _line_starts(ctx, raw)
            col = indent_here + m.start(5) + quote
            yield service, bool(built), starts[row], line, col, m.group(3), value
