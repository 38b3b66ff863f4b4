"""SEC001's file-wide shortcuts give the findings of the full reading they skip:

- a Dockerfile, committed `.env` or compose file without a token or URL password in its bytes
  is read only if it spells a secret word, and a compose file then only on the lines that do
  (every name a value can be judged by is ASCII and holds one);
- a split key's joined text is searched for a token only when its bytes pass the byte gate;
- a comment shorter than a token, and a short string in a file without `@` and `://`, are
  not searched at all;
- a template literal with a `${}` that cannot fold is given up before any name is looked up.

Each shortcut is switched off below (the reference) and the outcome compared."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings, strategies as st

import prodlint_rules.hardcoded_secret as sec
from prodlint.engine import Engine
from prodlint.languages import language_for
from prodlint.parsing import Document
from prodlint_rules._secrets import _TOKEN_PATTERNS, SECRET_HINT, SHORTEST_TOKEN, find_secret_token, may_hold_secret

ENGINE = Engine()


def _context(name: str, text: str):
    path = f"/project/{name}"
    return ENGINE.context(Document(path, language_for(path), text.encode()), "/project")


def _findings(ctx) -> list[tuple]:
    return sorted((f.span.start, f.span.end, f.message) for f in sec.check(ctx.for_rule(sec.RULE)))


def _without_word_gates(monkeypatch) -> None:
    monkeypatch.setattr(sec, "_has_secret_word", lambda text: True)
    monkeypatch.setattr(sec, "_rows_with_secret_words", lambda source: None)


_NAMES = st.sampled_from(["JWT_SECRET", "DB_PASSWORD", "API_KEY", "apiKey", "STRIPE_KEY", "NODE_ENV", "PORT",
                          "DATABASE_URL", "SECRET", "Token", "ENCRYPTION_KEY", "PASSWD", "USER", "HOST", "x"])
_VALUES = st.sampled_from([
    "s3cr3t-Value-2024", "hunter2hunter2", "production", "3000", "postgres://app:pw1234x@db.internal/app",
    "sk_live_4eC39HqLyjWDarjtT1zdp7dX", "${JWT_SECRET}", "changeme", "'quoted value 123'", '"dq-S3cret-99x"',
    "abcd efgh ijkl mnop", "ü-wert-2024-x", "a8F3kLm9Qz2Xv7Rt4Wp1", "",
])
_FILLER = st.sampled_from(["# a comment", "", "FROM node:20", "RUN npm ci", "  ", "# KEY=commented", "EXPOSE 80"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(
    st.tuples(st.sampled_from(["ENV", "ARG", "env"]), _NAMES, _VALUES).map(lambda t: f"{t[0]} {t[1]}={t[2]}"),
    st.tuples(_NAMES, _VALUES).map(lambda t: f"ENV {t[0]} {t[1]}"),
    _FILLER), max_size=8))
@example(["ENV JWT_SECRET=s3cr3t-Value-2024"])
def test_dockerfile_findings_without_the_word_gate(lines):
    ctx = _context("Dockerfile", "\n".join(lines))
    found = _findings(ctx)
    with pytest.MonkeyPatch.context() as mp:
        _without_word_gates(mp)
        assert _findings(ctx) == found


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.tuples(_NAMES, _VALUES).map(lambda t: f"{t[0]}={t[1]}"), _FILLER), max_size=8),
       st.sampled_from([".env", ".env.production", ".env.development", ".env.example"]))
@example(["DB_PASSWORD=s3cr3t-Value-2024"], ".env")
def test_dotenv_findings_without_the_word_gate(lines, name):
    ctx = _context(name, "\n".join(lines))
    found = _findings(ctx)
    with pytest.MonkeyPatch.context() as mp:
        _without_word_gates(mp)
        assert _findings(ctx) == found


_SERVICE_KEYS = st.sampled_from(["    build: .", "    image: postgres", "    ports:", "      - 3000:3000", "    environment:",
                                 "    # environment:", ""])
_ENTRY = st.tuples(_NAMES, _VALUES, st.booleans()).map(
    lambda t: f"      - {t[0]}={t[1]}" if t[2] else f"      {t[0]}: {t[1]}")
_SERVICE = st.tuples(st.sampled_from(["  api:", "  db:", "  web: # front"]),
                     st.lists(st.one_of(_SERVICE_KEYS, _ENTRY), max_size=7))


@settings(max_examples=300, deadline=None)
@given(st.lists(_SERVICE, max_size=3), st.sampled_from(["docker-compose.yml", "docker-compose.dev.yml", "compose.yaml"]),
       st.sampled_from(["", "version: '3'", "volumes:\n  data:"]))
@example([("  api:", ["    build: .", "    environment:", "      - JWT_SECRET=s3cr3t-Value-2024"])],
         "docker-compose.yml", "")
def test_compose_findings_without_the_word_gates(services, name, head):
    lines = [head, "services:"] + [line for header, body in services for line in [header] + body]
    ctx = _context(name, "\n".join(lines))
    found = _findings(ctx)
    with pytest.MonkeyPatch.context() as mp:
        _without_word_gates(mp)
        assert _findings(ctx) == found


def test_the_word_gates_still_find_named_secrets():
    compose = "services:\n  api:\n    build: .\n    environment:\n      - JWT_SECRET=s3cr3t-Value-2024\n"
    assert len(_findings(_context("docker-compose.yml", compose))) == 1
    assert len(_findings(_context("Dockerfile", "FROM node\nENV JWT_SECRET=s3cr3t-Value-2024\n"))) == 1
    assert len(_findings(_context(".env", "DB_PASSWORD=s3cr3t-Value-2024\n"))) == 1


def test_the_rows_holding_a_word_are_the_lines_spelling_one():
    source = b"a\nAPI_KEY: 1\nport: 2\nx: PaSsWoRd\n\nkey\n"
    assert sec._rows_with_secret_words(source) == {1, 3, 5}
    assert sec._rows_with_secret_words("K: ü\n".encode()) is None


# ------------------------------------------------------------------ tokens: bytes, lengths

_TOKENS = st.sampled_from(range(len(_TOKEN_PATTERNS))).flatmap(
    lambda i: st.from_regex(re.sub(r"\\b|\(\?[!=][^()]*\)", "", _TOKEN_PATTERNS[i][2].pattern), fullmatch=True))
_TEXT = st.text(max_size=8) | st.sampled_from(["", " ", "Bearer ", "é", "x_", "-", "\n"])


@settings(max_examples=400, deadline=None)
@given(_TEXT, _TOKENS, _TEXT)
def test_a_token_in_a_text_passes_the_byte_gate_of_its_bytes(before, token, after):
    """A split key's joined text is searched only when `may_hold_secret` passes its bytes."""
    text = before + token + after
    found = find_secret_token(text)
    if found is not None:
        assert may_hold_secret(text.encode())
        assert found.end - found.start >= SHORTEST_TOKEN  # so a shorter comment holds none


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=SHORTEST_TOKEN - 1))
@example(b"'a://b:c@d'")
def test_a_short_string_passes_the_hint_only_with_an_at_and_a_scheme(data):
    if SECRET_HINT.search(data) is not None:
        assert b"@" in data and b"://" in data


# ------------------------------------------------------------------ folding a template literal

def _reference_fold(ctx, node, depth: int = 0):
    """`_fold` as first written: the parts of a template literal in order, each looked up."""
    if node is None or depth > 6:
        return None
    if node.type == "parenthesized_expression" and node.named_child_count == 1:
        return _reference_fold(ctx, node.named_children[0], depth + 1)
    if sec._is_concat(ctx, node):
        left = _reference_fold(ctx, node.child_by_field_name("left"), depth + 1)
        right = _reference_fold(ctx, node.child_by_field_name("right"), depth + 1) if left is not None else None
        return None if right is None else left + right
    if node.type == "template_string":
        parts = []
        for child in node.named_children:
            if child.type == "template_substitution":
                inner = _reference_fold(ctx, child.named_children[0] if child.named_children else None, depth + 1)
                if inner is None:
                    return None
                parts.append(inner)
            else:
                parts.append(ctx.text_of(child))
        return "".join(parts)
    if node.type in ("string", "identifier"):
        return sec._fold(ctx, node, depth)
    return None


_PARTS = st.sampled_from(["${PREFIX}", "${REST}", "${user.id}", "${f()}", "${'ghp_'}", "${`x${PREFIX}`}", "${(REST)}",
                          "${PREFIX + REST}", "${/* c */ PREFIX}", "${}", "abc", "ghp_", "/users/", "${a ? b : c}"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARTS, min_size=1, max_size=5))
@example(["${PREFIX}", "${REST}"])
def test_a_template_folds_as_it_did_part_by_part(parts):
    source = ("const PREFIX = 'ghp_';\nconst REST = 'aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5';\n"
              f"const token = `{''.join(parts)}`;\n")
    ctx = _context("src/a.js", source)
    templates = [n for n in _walk(ctx.tree.root_node) if n.type == "template_string"]
    # an empty `${}` (a syntax error) can make the parser recover without any template: nothing to fold
    assert templates or "${}" in source
    for node in templates:
        assert sec._fold(ctx, node) == _reference_fold(ctx, node), (source, node)


def _walk(node):
    yield node
    for child in node.children:
        yield from _walk(child)


_LINES = st.lists(st.sampled_from([
    "x: 1", "KEY: sk_live_4eC39HqLyjWDarjtT1zdp7dX", "URL: postgres://app:pw1234x@db/app", "- A_B_C_D_E_F_G_H_I_J_K_L_M=1",
    "ghp_" + "aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5", "-----BEGIN RSA PRIVATE KEY-----", "a://b@c", "", "é: AKIAZ7Q3X9V2M4N8K1LP",
    "__________________________", "- --------------------- -",
]) | st.text(max_size=30).filter(lambda t: "\n" not in t), max_size=10)


@settings(max_examples=400, deadline=None)
@given(_LINES, st.sampled_from(["\n", "\r\n"]))
@example(["x: 1", "KEY: sk_live_4eC39HqLyjWDarjtT1zdp7dX"], "\n")
def test_the_rows_that_may_hold_a_secret_are_the_lines_that_do(lines, newline):
    source = newline.join(lines).encode()
    rows = sec._rows_with_secrets(source)
    assert bool(rows) == may_hold_secret(source)
    for row, line in enumerate(source.split(b"\n")):
        assert (row in rows) == may_hold_secret(line), (row, line)
