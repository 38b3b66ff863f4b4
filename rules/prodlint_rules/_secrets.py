"""Secret recognition shared by the SEC rules: provider token formats at their real lengths,
placeholder and published-example values, credential URLs, secret-like names and plausible values.
They read plain strings, not trees, so a rule can judge a string literal, a comment, a `.env`
line or a compose `environment:` entry alike. Private to the rule pack (the registry skips
`_`-prefixed modules)."""

from __future__ import annotations

import base64 as _base64
import json as _json
import math as _math
import re
from dataclasses import dataclass as _dataclass
from urllib.parse import unquote as _unquote

from prodlint.syntax import screaming_snake


@_dataclass(frozen=True)
class SecretToken:
    """A provider token found in a string: what it is, its conventional env var, and where
    (character offsets in the searched text)."""

    kind: str
    env: str
    start: int
    end: int


_TOKEN_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (kind, env, re.compile(rx)) for kind, env, rx in (
        ("Stripe secret key", "STRIPE_SECRET_KEY", r"\bsk_(?:live|test)_[0-9a-zA-Z]{16,}"),
        ("Stripe restricted key", "STRIPE_RESTRICTED_KEY", r"\brk_(?:live|test)_[0-9a-zA-Z]{16,}"),
        ("Stripe webhook secret", "STRIPE_WEBHOOK_SECRET", r"\bwhsec_[0-9a-zA-Z+/=]{24,}"),
        ("AWS access key ID", "AWS_ACCESS_KEY_ID", r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
        ("GitHub token", "GITHUB_TOKEN", r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
        ("GitHub token", "GITHUB_TOKEN", r"\bgithub_pat_[A-Za-z0-9_]{50,}\b"),
        ("Slack token", "SLACK_TOKEN", r"\bxox[abprse]-[0-9A-Za-z-]{20,}"),
        ("Slack webhook URL", "SLACK_WEBHOOK_URL",
         r"https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9]+/[A-Za-z0-9]+/[A-Za-z0-9]{16,}"),
        ("Anthropic API key", "ANTHROPIC_API_KEY", r"\bsk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{32,}"),
        ("OpenAI API key", "OPENAI_API_KEY", r"\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}"),
        ("Google API key", "GOOGLE_API_KEY", r"\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"),
        ("SendGrid API key", "SENDGRID_API_KEY", r"\bSG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{20,64}"),
        ("Twilio API key", "TWILIO_API_KEY", r"\bSK[0-9a-f]{32}\b"),
        ("Mailgun API key", "MAILGUN_API_KEY", r"\bkey-[0-9a-zA-Z]{32}\b"),
        ("npm token", "NPM_TOKEN", r"\bnpm_[A-Za-z0-9]{36}\b"),
        ("private key", "PRIVATE_KEY",
         r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?P<body>(?:(?!-----)[\s\S])*)"
         r"(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?"),
        ("JSON Web Token", "JWT", r"\beyJ[A-Za-z0-9_-]{8,}\.(?P<payload>eyJ[A-Za-z0-9_-]{8,})\.[A-Za-z0-9_-]{16,}"),
    )
)

# Keys published on purpose in documentation (Stripe's docs test key, AWS's example keys).
_PUBLISHED_EXAMPLES = frozenset({"sk_test_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
                                 "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"})

#: (`\{\{(?:[^{}]|\{(?!\{))*\}\}` is `\{\{[^}]*\}\}` for a search's yes or no, without reading a run of
#: `{` again from each `{{` in it: the first `}` after a `{{` decides for every `{{` before it)
_PLACEHOLDER = re.compile(
    r"x{4,}|X{4,}|\*{3,}|\.{3}|…|•|<[^<>]*>|\{\{(?:[^{}]|\{(?!\{))*\}\}|\$\{|%\(?\w*\)?s|\byour[\s_-]|^your[A-Z_-]|"
    r"change[\s_-]?(me|this|it)|replace[\s_-]?(me|this|with)|qwerty|asdf|placeholder|example|sample|dummy|fake|mock|redacted|"
    r"insert[\s_-]|^todo|^tbd$|^none$|^null$|^undefined$|^test$|^secret$|^password$|^passw(or)?d\d*$|"
    r"^(my|some|the|a)?[-_]?(secret|password|token|api[-_]?key)s?([-_](here|value))?$|^(abc|123|000|111)",
    re.I,
)
_SECRET_WORDS = frozenset({"secret", "password", "passwd", "pwd", "pass", "passphrase", "token", "apikey",
                           "credential", "credentials", "authorization"})
_KEY_QUALIFIERS = frozenset({"secret", "private", "api", "access", "encryption", "signing", "jwt", "hmac",
                             "master", "client", "service", "admin", "webhook", "license", "app", "auth",
                             "session", "cookie", "crypto", "cipher", "aes"})
_NOT_SECRET_WORDS = frozenset({"public", "publishable", "pub", "site", "anon", "label", "placeholder", "hint",
                               "url", "uri", "endpoint", "path", "file", "filename", "name", "type", "header",
                               "param", "field", "id", "length", "len", "min", "max", "count", "expires",
                               "expiry", "expiration", "ttl", "lifetime", "prefix", "suffix", "storage",
                               "cache", "policy", "regex", "pattern", "error", "message", "msg", "text", "title",
                               "description", "input", "confirm", "reset", "forgot", "strength", "rule", "rules",
                               "hash", "hashed", "digest", "salt", "rounds", "algorithm", "alg", "format",
                               "version", "env", "var", "variable", "location", "mode", "enabled", "required",
                               "route", "link", "button", "icon", "class", "style", "column", "col", "index",
                               "schema", "validator", "query", "event", "events", "scope", "scopes", "audience",
                               "issuer", "kind", "status", "state", "arn", "ref", "sid", "i18n", "l10n", "intl",
                               "translation", "locale", "lang"})
_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")
_IDENTIFIER = re.compile(r"^[A-Za-z]+(?:[_.:/-][A-Za-z]+)+$|^[a-z]+(?:[A-Z][a-z]+)+$|^[A-Z][a-z]+$")
_CAMEL_WORD = re.compile(r"[A-Z]?[a-z]+\d*|\d+")


def _identifier_like(value: str) -> bool:
    """`access_token`, `x-api-key`, `refreshToken`, `web3SandboxChallenge`: a name, not a secret."""
    if _IDENTIFIER.match(value):
        return True
    words = _CAMEL_WORD.findall(value)
    return "".join(words) == value and len(words) >= 2 and all(len(re.sub(r"\d", "", w)) >= 3 for w in words)
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
#: A URL with a password in its user info. The user info ends at the last `@` of the authority,
#: as URL parsers read it: a password written with a bare `@` (`app:p@ss@db:5432`, common in
#: tests of URL encoding) is `p@ss` on host `db`, not `p` on host `ss@db`; the host holds no `@`
#: (the lookahead, which reads the host's characters once, turns down a start that one follows),
#: so a text whose `@` all sit before a `#`/`?` is no URL with a host (`u:P@ss!@#…`).
_CRED_URL = re.compile(r"\b(?P<scheme>[a-z][a-z0-9+.-]*)://(?P<user>[^\s:@/?#'\"`]*):(?P<password>[^\s/?#'\"`]+)@"
                       r"(?![^\s/?#:'\"`@]*@)(?P<host>[^\s/?#:'\"`@]+)", re.I)
#: Where `_CRED_URL` matches, found without reading a run of scheme characters (`a.b.c.…`) again
#: from each of its word starts: the scheme ends where the run does, so the run's first start
#: that `_CRED_URL` may take (a letter at a word boundary) decides for all of them. The match
#: starts at the run's first byte, the lookahead finds that start once and for all (the regex
#: engine never enters a lookahead again), and `scheme` is where `_CRED_URL` matches.
_CRED_URL_RUN = re.compile(r"(?<![a-z0-9+.-])(?=([a-z0-9+.-]*?)\b[a-z])\1" + _CRED_URL.pattern[2:], re.I)
_LOCAL_HOSTS = re.compile(r"^(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal|db|postgres|mysql|"
                          r"mongo|mongodb|redis|rabbitmq|database)$", re.I)
#: names reserved for documentation and tests (RFC 2606, RFC 6761): never a real service's host
_RESERVED_HOST = re.compile(r"(^|\.)(example\.(com|net|org)|example|test|invalid)\.?$|\.localhost\.?$", re.I)
_DEFAULT_PASSWORDS = frozenset({"postgres", "root", "admin", "guest", "password", "pass", "secret", "test", "dev",
                                "changeme", "mysecretpassword", "docker", "example", "user", "pwd", "passwd",
                                "redis", "mongo", "mysql", "prisma", "johndoe", "randompassword"})
_SCHEME_ENV = {"postgres": "DATABASE_URL", "postgresql": "DATABASE_URL", "mysql": "DATABASE_URL",
               "mariadb": "DATABASE_URL", "mssql": "DATABASE_URL", "sqlserver": "DATABASE_URL",
               "mongodb": "MONGODB_URI", "mongodb+srv": "MONGODB_URI", "redis": "REDIS_URL",
               "rediss": "REDIS_URL", "amqp": "AMQP_URL", "amqps": "AMQP_URL", "smtp": "SMTP_URL",
               "smtps": "SMTP_URL", "ftp": "FTP_URL", "sftp": "SFTP_URL"}


def is_default_password(value: str) -> bool:
    """A database image's or a tutorial's well-known default password (`postgres`, `root`,
    `mysecretpassword`): the value a local database is started with, known to everyone."""
    return value.lower() in _DEFAULT_PASSWORDS


def is_placeholder(value: str) -> bool:
    """`sk_test_xxx`, `your-api-key`, `changeme`, `<token>`, `***`, `${SECRET}`: not a real secret."""
    return bool(_PLACEHOLDER.search(value))


def shannon_entropy(value: str) -> float:
    """Bits per character of `value` (random base64 is near 6, English words near 3)."""
    if not value:
        return 0.0
    counts: dict[str, int] = {}
    for ch in value:
        counts[ch] = counts.get(ch, 0) + 1
    n = len(value)
    return -sum(c / n * _math.log2(c / n) for c in counts.values())


def looks_random(value: str) -> bool:
    """A long token of mixed letters and digits with high entropy (a generated key), not words
    with a number among them (`howItWorksStep1Title`, `--max_old_space_size=6144`)."""
    if len(value) < 16 or re.search(r"\s", value):
        return False
    has_digit = any(c.isdigit() for c in value)
    has_alpha = any(c.isalpha() for c in value)
    if not (has_digit and has_alpha) or _word_shaped(value):
        return False
    if re.fullmatch(r"[0-9a-fA-F]+", value):
        return len(value) >= 24 and shannon_entropy(value) >= 3.0
    return shannon_entropy(value) >= 3.5


#: the pieces of a value between separators
_SEPARATORS = re.compile(r"[-_.:=/+,@]+")
#: a piece of only lower-case letters (maybe with a number after them: `oauth2`, `s3`, `sha256`), or only digits
_PURE_PIECE = re.compile(r"[a-z]+[0-9]*|[0-9]+")


def _camel_words(words: list[str]) -> bool:
    """camelCase words as people write them: each after the first starts with a capital, none is
    one letter, two in three have three letters or more, and few carry a number
    (`how It Works Step1 Title`; not `Zx8 Qw3 Lk9 Pm2`, a made-up key)."""
    letters = [len(w.rstrip("0123456789")) for w in words]
    numbered = sum(1 for w in words if w[-1].isdigit())
    return all(w[0].isupper() for w in words[1:]) and min(letters) >= 2 \
        and 3 * sum(1 for n in letters if n >= 3) >= 2 * len(words) and numbered <= max(1, len(words) // 3)


def _word_shaped(value: str) -> bool:
    """Whether a value is written as words, which a generated key all but never is: camelCase
    words (`_camel_words`: `howItWorksStep1Title`, `resetPassword2Body`: i18n keys), or pieces
    between separators, each of only lower-case letters (a number may follow them: `oauth2`) or
    only digits, two of them words of three letters or more (`--max_old_space_size=6144`,
    `openai:gpt-5.4-mini`, `mailer_smtp_oauth2_client_secret`: a setting's name).
    tests/test_secret_values.py measures how seldom random keys are so shaped."""
    words = _CAMEL_WORD.findall(value)
    if len(words) >= 3 and "".join(words) == value and _camel_words(words):
        return True
    pieces = [p for p in _SEPARATORS.split(value) if p]
    return len(pieces) >= 2 and all(_PURE_PIECE.fullmatch(p) for p in pieces) \
        and sum(1 for p in pieces if p.isalpha() and len(p) >= 3) >= 2


def _real_token(kind: str, text: str, match: re.Match[str]) -> bool:
    token = match.group(0)
    if token in _PUBLISHED_EXAMPLES or is_placeholder(token):
        return False
    body = re.sub(r"^(sk|rk)_(live|test)_|^[a-z]+_|^sk-(proj-|svcacct-|admin-)?|^SG\.|^AIza|^(AKIA|ASIA)", "", token)
    if len(set(body)) < 8 and kind != "private key":
        return False  # sk_live_aaaaaaaaaaaaaaaa, 0123456789…: a filler, not a key
    if re.search(r"0123456|123456789|abcdef(gh|12)|ABCDEF(GH|12)", body):
        return False
    if kind == "OpenAI API key":
        return bool(re.search(r"\d", body) and re.search(r"[A-Z]", body) and re.search(r"[a-z]", body))
    if kind == "private key":
        payload = re.sub(r"\\[nr]|[\s\"'`+,]|-----END.*", "", match.group("body") or "")
        return len(payload) >= 64 and bool(re.fullmatch(r"[A-Za-z0-9+/=:,-]+", payload)) \
            and not is_placeholder(match.group("body") or "")
    if kind == "JSON Web Token":
        claims = decode_jwt_payload(match.group("payload"))
        if not isinstance(claims, dict) or not claims:
            return False
        if claims.get("role") == "anon" or (claims.get("sub") == "1234567890" and claims.get("name") == "John Doe"):
            return False  # a Supabase anon key is public by design; jwt.io's sample token
    return True


def decode_jwt_payload(segment: str) -> object:
    try:
        raw = _base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        return _json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None


_ANY_TOKEN: re.Pattern[str] | None = None


def may_hold_token(text: str) -> bool:
    """One regex pass over the union of the token patterns: most strings hold none, and the
    per-provider loop below is then skipped."""
    global _ANY_TOKEN
    if _ANY_TOKEN is None:
        _ANY_TOKEN = re.compile("|".join(f"(?:{p.pattern})" for _, _, p in _TOKEN_PATTERNS))
    return _ANY_TOKEN.search(text) is not None


def find_secret_token(text: str) -> SecretToken | None:
    """The first provider token (Stripe, AWS, GitHub, Slack, OpenAI, Anthropic, Google, SendGrid,
    Twilio, Mailgun, npm, private key block, JWT with real claims) in `text`, placeholders and
    published documentation keys excepted."""
    if text.startswith("data:") or not may_hold_token(text):
        return None  # a base64 image or font, or nothing token-shaped at all
    found: SecretToken | None = None
    for kind, env, pattern in _TOKEN_PATTERNS:
        for match in pattern.finditer(text):
            if _real_token(kind, text, match):
                if found is None or match.start() < found.start:
                    found = SecretToken(kind, env, match.start(), match.end())
                break
    return found


def token_shaped(text: str) -> bool:
    """Whether `text` has the shape of a provider token, real or not (a placeholder `sk_test_xxx`
    and a published documentation key are token-shaped but not secrets)."""
    return any(pattern.search(text) for _, _, pattern in _TOKEN_PATTERNS)


# What a URL's password may be and still be a placeholder: a template (`<password>`, `${DB_PASS}`,
# `{{ pass }}`, `%(password)s`, `$PASS`), the word itself (`password`, `pass`, `changeme`), a mask.
_URL_PASSWORD_PLACEHOLDER = re.compile(
    r"^(?:[${<%\[]|:)|^(password|passwd|pass|pwd|changeme|change_me|change-me|x+|\*+|\.\.\.|your[-_]?password|"
    r"<[^>]*>|\{\{.*\}\})$", re.I)
_URL_PASSWORD_WORDS = re.compile(r"placeholder|example|sample|dummy|fake|redacted|^your[-_]|x{4,}|\*{3,}", re.I)


#: a password a test makes up for its fixture: only the words people write for one, joined or
#: not (`secret`, `secret-password`, `test_pass`, `my-secret-key`, `secret+/access` decoded)
_MADE_UP_PASSWORD = re.compile(
    r"^(?:(?:my|some|the|a|test|testing|dummy|fake|mock|secret|secrets|password|passwd|pass|pwd|key|token|"
    r"access|value|here|user|admin|foo|bar|baz)[-_+/.]*)+$", re.I)


def find_credential_url(text: str, local_defaults_ok: bool = False, local_hosts_ok: bool = False,
                        made_up_ok: bool = False) -> re.Match[str] | None:
    """A URL with an inline password (`postgres://app:s3cret@db.internal/app`, and also a short or
    dictionary one: `admin`, `root`, `123qwe`: the host does not make it less real), unless the
    password is a clear placeholder (`<password>`, `${DB_PASS}`, `password`, `changeme`, `xxx`,
    `****`). `local_defaults_ok` also spares a well-known default on a local host
    (`postgres:postgres@localhost`), for templates and fallbacks that other rules judge;
    `local_hosts_ok` any password on a local host (a test's own database); `made_up_ok` (a test's
    fixture) a well-known default or a password of made-up words (`secret-password`) on any host."""
    for run in _CRED_URL_RUN.finditer(text):
        match = _CRED_URL.match(text, run.start("scheme"))  # the same match, with `_CRED_URL`'s groups
        if match is None:
            continue  # never: the same pattern, from the same start
        password, user, host = match.group("password"), match.group("user"), match.group("host")
        if local_hosts_ok and _LOCAL_HOSTS.match(host):
            continue
        if _RESERVED_HOST.search(host):
            continue  # `https://u:p@example.com`: no one can log in to a name reserved for examples
        if _URL_PASSWORD_PLACEHOLDER.search(password) or _URL_PASSWORD_WORDS.search(password):
            continue
        if "$" in password and re.search(r"\$\{?[A-Za-z_]", password):
            continue  # `user:${PASS}@`, `:$PGPASSWORD@`: filled in at run time
        if made_up_ok and (is_default_password(password) or _MADE_UP_PASSWORD.match(_unquote(password))):
            continue
        if local_defaults_ok and (re.search(r"example\.|\.example|\.test$|\.invalid$", host)
                                  or re.search(r"pass(word|wd)?|secret|pwd", password, re.I) or password == user
                                  or (_LOCAL_HOSTS.match(host) and is_default_password(password))):
            continue
        return match
    return None


def credential_url_env(match: re.Match[str]) -> str:
    return _SCHEME_ENV.get(match.group("scheme").lower(), match.group("scheme").upper().replace("+", "_") + "_URL")


_CHOSEN_SECRET_WORDS = frozenset({"secret", "password", "passwd", "pwd", "pass", "passphrase"})
_PROVIDER_PREFIX = re.compile(r"^(sk|pk|rk)_(live|test)_|^whsec_|^sk-|^gh[pousr]_|^github_pat_|^xox[abprse]-|"
                              r"^(AKIA|ASIA)|^AIza|^SG\.|^npm_")
#: keys their providers hand to browsers by design (write-only or read-public): a PostHog project
#: key, a Mapbox public token
_PUBLIC_KEY = re.compile(r"^phc_[A-Za-z0-9]{20,}$|^pk\.eyJ")
_NON_PRODUCTION_VALUE = re.compile(r"(^|[-_.])(test|testing|dev|development|local|demo|emulator)([-_.]|$)", re.I)


def secret_name_strength(name: str | None) -> int:
    """How surely a binding name holds a secret: 3 a secret a person chooses (`password`,
    `jwtSecret`); 2 a generated one (`API_KEY`, `accessToken`); 1 another `*_KEY`
    (`encryptionKey` needs a random value to count); 0 not at all (`tokenUrl`, `publicKey`,
    `passwordLabel`, `idempotencyKey`)."""
    if not name:
        return 0
    words = [w.lower() for w in screaming_snake(name).split("_") if w]
    if not words or any(w in _NOT_SECRET_WORDS for w in words):
        return 0
    last = words[-1]
    if last in _CHOSEN_SECRET_WORDS:
        return 3
    if last in _SECRET_WORDS:
        return 2
    if last in ("key", "keys"):
        if any(w in _KEY_QUALIFIERS for w in words[:-1]):
            return 2
        return 1 if len(words) > 1 else 0
    return 0


_APP_PASSWORD = re.compile(r"^[a-z]{4}( [a-z]{4}){3}$")
_AWS_SECRET = re.compile(r"^[A-Za-z0-9/+]{40}$")


def is_app_password(value: str) -> bool:
    """`abcd efgh ijkl mnop`: a Google (or Apple) app password, spaces included."""
    return _APP_PASSWORD.match(value) is not None and len(set(value.replace(" ", ""))) >= 8


def looks_like_aws_secret_key(value: str) -> bool:
    """40 characters of base64 with upper and lower case and digits: an AWS secret access key."""
    return _AWS_SECRET.match(value) is not None and not is_placeholder(value) and value not in _PUBLISHED_EXAMPLES \
        and bool(re.search(r"[A-Z]", value) and re.search(r"[a-z]", value) and re.search(r"\d", value)) \
        and shannon_entropy(value) >= 4.0


def plausible_secret_value(value: str, strength: int) -> bool:
    """Whether a literal bound to a secret-like name is a real value rather than a placeholder,
    a label, an env var name, a header or storage-key name, a path or a UUID."""
    if strength >= 3 and is_app_password(value) and not is_placeholder(value):
        return True
    if not (8 <= len(value) <= 1024) or not value.isascii() or re.search(r"\s", value):
        return False
    if is_placeholder(value) or _ENV_NAME.match(value) or _identifier_like(value):
        return False
    if value.startswith(("/", "./", "../", "~/", "http://", "https://", "#", "@", "$", "%", "{", "data:")):
        return False
    if re.fullmatch(r"[\d.,:_-]+", value) or re.fullmatch(r"\w+\.(json|pem|key|txt|env|crt|p12|yaml|yml)", value):
        return False
    if _PUBLIC_KEY.match(value):
        return False  # published in every page that loads the SDK
    if _PROVIDER_PREFIX.match(value) or _NON_PRODUCTION_VALUE.search(value):
        return False  # `sk_test_123`: a truncated or made-up key; `uuid-v7-test-secret`, `dev-secret`
    if _UUID.match(value):
        return strength >= 2
    if strength >= 3:
        return True  # a password or secret: chosen by a person, any shape
    if strength == 2:
        return (len(value) >= 12 and bool(re.search(r"\d", value)) and bool(re.search(r"[A-Za-z]", value))) \
            or looks_random(value)  # a token or key is generated: it has digits
    return looks_random(value)


_NAME_HINT = re.compile("|".join(sorted(_CHOSEN_SECRET_WORDS | _SECRET_WORDS | {"key"}, key=lambda w: (-len(w), w))),
                        re.I)


def may_be_secret_name(name: str | None) -> bool:
    """A cheap necessary condition of `secret_name_strength(name) > 0`: one of the secret words
    appears somewhere in the name."""
    return bool(name) and _NAME_HINT.search(name) is not None


def _loosened(pattern: str) -> str:
    """A token pattern as a necessary condition on raw UTF-8 bytes: no word boundaries, a
    private key's header only, a JWT from its payload on, any non-ASCII bytes where a Unicode
    digit could be. A JWT's header is left out because a search that starts at every `eyJ`
    reads the rest of a run of base64url bytes again from each one that is not followed by
    `.eyJ` (`eyJeyJeyJ…`: 0.3 s for 20 KB, growing with the square); from the `.` before its
    payload, no two starts share a byte of the run."""
    if "PRIVATE KEY" in pattern:
        return r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY"
    if pattern.startswith(r"\beyJ"):
        pattern = pattern[pattern.index(r"\.(?P<payload>"):]
    pattern = pattern.replace(r"\b", "").replace(r"\d", r"(?:[0-9]|[^\x00-\x7f]+)")
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_SECRET_HINT = re.compile("|".join([f"(?:{_loosened(p.pattern)})" for _, _, p in _TOKEN_PATTERNS]
                                   + [r"://[^\s/?#'\"`@]*@"]).encode())


# A necessary condition of `_SECRET_HINT` that the regex engine checks several times faster.
# The hint's alternatives start with common letters (`s`, `r`, `k`, `n`, `g`, `h`, `w`, `x`),
# and the engine tries every alternative at each such byte; here each alternative starts with
# `_`, `-`, `:`, `A`, `S` or `.`, and every match of a hint alternative holds, inside it, a
# match of one of these:
#   sk_/rk_ (live|test)_      `_live_` / `_test_`
#   whsec_ + 24, gh?_ + 36, npm_ + 36 (all of [0-9a-zA-Z+/=])    `_` + 24 of them
#   github_pat_               `_pat_`
#   xox?- + 20, sk-ant-…-/sk-(proj-|…)? + 32, key- + 32 (all of [A-Za-z0-9_-])   `-` + 20 of them
#   -----BEGIN … PRIVATE KEY  `-----BEGIN `
#   https://hooks.slack.com/  `://hooks.slack.com/`;   ://user:pass@    `://` … `@` (same class)
#   AKIA/ASIA + 16, AIza + 35, SG. …, SK + 32 hex           the same prefix (SK with its 32)
#   .eyJ + 8. + 16 (a JWT)    `.eyJ`
# So where this finds nothing, the hint finds nothing (tests/test_sec_hint_gate.py generates a
# match of every hint alternative and checks it). No alternative reads a run of bytes again
# from inside it: each costs a few bytes per start, or its starts never share a byte.
_HINT_GATE = re.compile(
    rb"_(?:live|test)_|_[0-9a-zA-Z+/=]{24}|_pat_|-[A-Za-z0-9_-]{20}|-----BEGIN |"
    rb"://[^\s/?#'\"`@]*@|://hooks\.slack\.com/|AKIA|ASIA|AIza|SG\.|SK[0-9a-f]{32}|\.eyJ")

#: The fewest bytes a match of a hint alternative other than the URL password (`://…@`, which
#: needs an `@`) takes: `AKIA` + 16 (20), then `-----BEGIN PRIVATE KEY` (22), `sk_live_` + 16 (24)…
#: (tests/test_sec_hint_gate.py measures every alternative)
SHORTEST_TOKEN = 20

#: `_SECRET_HINT` without its lookaheads, for a whole file: a match of the hint within a slice of
#: the file (a string's bytes) is a match of this in the file, as nothing else in it looks past
#: the bytes it matches (no anchor or word boundary: tests/test_sec_hint_gate.py walks the parsed
#: pattern)
FILE_HINT = re.compile(re.sub(rb"\(\?!(?:[^()\\]|\\.)*\)", b"", _SECRET_HINT.pattern))

#: `SECRET_GATE.search(source, start, end) is not None and SECRET_HINT.search(source, start, end)
#: is not None` is `may_hold_secret` without a call around it, for loops over every string of a file
SECRET_GATE = _HINT_GATE
SECRET_HINT = _SECRET_HINT


def may_hold_secret(source: bytes, start: int = 0, end: int | None = None) -> bool:
    """Whether `source[start:end]` may hold a provider token or a URL password: false whenever
    `find_secret_token` and `find_credential_url` find nothing in any text within it, and a
    search of the raw bytes, without decoding or slicing, costs far less than they do."""
    end = len(source) if end is None else end
    return _HINT_GATE.search(source, start, end) is not None and _SECRET_HINT.search(source, start, end) is not None


def is_secret_env_name(name: str) -> bool:
    """An env var that holds a secret (`JWT_SECRET`, `STRIPE_KEY`, `DB_PASSWORD`); public
    build-time prefixes (`NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`) never do."""
    if re.match(r"^(NEXT_PUBLIC|VITE|REACT_APP|EXPO_PUBLIC|NUXT_PUBLIC|PUBLIC|GATSBY)_", name):
        return False
    strength = secret_name_strength(name)
    return strength >= 2 or (strength == 1 and name.upper().endswith("_KEY"))
