"""The shortcuts rules take to save work (a file-wide test before a per-line or per-string one, a
line read only when it can matter) give the same answers as the plain reading they replace.
Each reference below is the plain reading, kept here as the oracle."""

from __future__ import annotations

import re

from hypothesis import example, given, settings, strategies as st

from prodlint.engine import Engine
from prodlint.languages import language_for
from prodlint.parsing import Document


def _context(name: str, text: str | bytes):
    source = text.encode() if isinstance(text, str) else text
    path = f"/project/{name}"
    return Engine().context(Document(path, language_for(path), source), "/project")


# ------------------------------------------------------------------ SEC001: compose `environment:`

def _reference_compose_environment(ctx):
    """SEC001's compose reader as first written: every line offset worked out, every service's
    block read."""
    from prodlint_rules.hardcoded_secret import _COMPOSE_ENTRY, _env_value

    rows, offset = [], 0
    for row, line in enumerate(ctx.lines()):
        rows.append((row, offset, line.rstrip("\r")))
        offset += len(line.encode()) + 1
    services = []
    in_services, service_indent = False, None
    for row, _, line in rows:
        content = line.split(" #")[0].rstrip()
        if not content.strip() or content.lstrip().startswith("#"):
            continue
        indent = len(content) - len(content.lstrip(" "))
        if indent == 0:
            in_services, service_indent = content.startswith("services:"), None
            continue
        if in_services and (service_indent is None or indent <= service_indent) and content.strip().endswith(":"):
            service_indent = indent
            services.append((content.strip()[:-1].strip("\"'"), row, indent))
    for i, (service, first, indent) in enumerate(services):
        last = services[i + 1][1] if i + 1 < len(services) else len(rows)
        block = [r for r in rows[first + 1:last] if r[2].strip() and (len(r[2]) - len(r[2].lstrip(" ")) > indent
                                                                       or r[2].lstrip().startswith("#"))]
        built = any(re.match(r"^\s*build\s*:", r[2]) for r in block)
        env_indent = None
        for _, start, line in block:
            indent_here = len(line) - len(line.lstrip(" "))
            stripped = line.strip()
            if stripped.startswith("#"):
                continue
            if env_indent is not None and indent_here <= env_indent:
                env_indent = None
            if env_indent is None:
                if re.match(r"^environment\s*:\s*$", stripped):
                    env_indent = indent_here
                continue
            m = _COMPOSE_ENTRY.match(stripped)
            if not m or (m.group(1) is None and m.group(4) != ":") or (m.group(1) and m.group(4) != "="
                                                                       and not m.group(2)):
                continue
            raw = m.group(5)
            if m.group(2) and raw.endswith(m.group(2)):
                raw = raw[:-1]
            value, quote = _env_value(raw)
            if value.startswith("${") or value.startswith("$"):
                continue
            yield service, built, start, line, indent_here + m.start(5) + quote, m.group(3), value


_TOP = st.sampled_from(["services:", "version: '3'", "volumes:", "environment:", "services: # all", ""])
_SERVICE = st.sampled_from(["  api:", "  db:", '  "web":', "  worker: # the queue", "  environment:", "   ", "  - x:"])
_KEYS = st.sampled_from(["    build: .", "    build:", "      context: .", "    image: postgres", "    ports:",
                         "      - 3000:3000", "    env_file: .env", "    # build: .", "\t", "", "    environment:",
                         "    environment :", "    environment: # secrets", "      environment:"])
_ENTRIES = st.sampled_from([
    "      - KEY=value", "      - JWT_SECRET=s3cr3t-Value-2024", "      JWT_SECRET: abc", "      PASSWORD: 'hunter2-hunter2'",
    '      - "TOKEN=sk_live_4eC39HqLyjWDarjtT1zdp7dc0000"', "      - X=${X}", "      - Y=$Y", "      TOKEN: $TOKEN",
    "      URL: postgres://app:pw1234@db/app", "      # API_KEY: old", "      - BAD", "      KEY: ü-wert #c",
    "        NESTED: deeper", "    OUTDENTED: value", '      "QUOTED": "v a l"', "      - 'A=b'", "      - C:d",
])
_SERVICE_BODY = st.lists(st.tuples(_KEYS, st.lists(_ENTRIES, max_size=4)), max_size=4).map(
    lambda items: [line for key, entries in items for line in [key] + entries])
_COMPOSE = st.lists(st.tuples(_TOP, st.lists(st.tuples(_SERVICE, _SERVICE_BODY), max_size=3)), max_size=3).map(
    lambda tops: [line for top, services in tops for line in
                  [top] + [line for head, body in services for line in [head] + body]])


@settings(max_examples=400, deadline=None)
@given(_COMPOSE, st.sampled_from(["\n", "\r\n"]))
@example(["services:", "  api:", "    build: .", "    environment:", "      - JWT_SECRET=s3cr3t-Value-2024"], "\n")
def test_compose_environment_reads_what_the_plain_reading_does(lines, newline):
    from prodlint_rules.hardcoded_secret import _compose_environment

    ctx = _context("docker-compose.yml", newline.join(lines))
    assert _outcome(_compose_environment(ctx)) == _outcome(_reference_compose_environment(ctx))


def _outcome(entries) -> tuple[list, str]:
    """What a reader yields, and the error it stops on (an empty `KEY:` value stops both readers
    today; the engine reports that as the rule's crash on the file)."""
    out: list = []
    try:
        for entry in entries:
            out.append(entry)
    except Exception as exc:  # noqa: BLE001 - the same failure is what is compared
        return out, type(exc).__name__
    return out, ""


# ------------------------------------------------------------------ URL001: line formats

@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["URL_RE", "HOSTPORT_RE", "BARE_RE"]).flatmap(
    lambda name: st.tuples(st.just(name), st.from_regex(getattr(__import__(
        "prodlint_rules.hardcoded_localhost_url", fromlist=[name]), name)))))
@example(("URL_RE", "http://LOCALHOST:3000"))
@example(("URL_RE", "http://localhoſt"))
def test_every_local_address_is_seen_by_the_file_test(case):
    """URL001 reads a compose or .env file's lines only when its bytes may name a local host."""
    import prodlint_rules.hardcoded_localhost_url as url001

    name, text = case
    if getattr(url001, name).search(text):
        assert url001._may_name_localhost(f"KEY={text}\n".encode())


# ------------------------------------------------------------------ path tests before path patterns

@settings(max_examples=300, deadline=None)
@given(st.from_regex(__import__("prodlint.roles", fromlist=["LOCALE_PATH"]).LOCALE_PATH))
@example("src/LOCALES/en.json")
@example("src/meſſages/en.json")
def test_locale_words_never_miss_a_locale_path(path):
    from prodlint.roles import LOCALE_PATH, locale_path

    assert locale_path(path) == (LOCALE_PATH.search(path) is not None)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(__import__("prodlint_rules.webhook_unverified", fromlist=["_NEXT_ROUTE"])._NEXT_ROUTE))
@example("app/api/WEBHOOK/route.ts")
def test_every_hook001_next_route_path_holds_hook(path):
    """HOOK001 tries its Next.js route pattern only on a path that holds `hook` (or is not ASCII)."""
    assert not path.isascii() or "hook" in path.lower()
