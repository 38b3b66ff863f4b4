"""Files no check reads are not parsed: where every rule and extractor the engine would run on a
file says by its `may_apply` that it gives nothing there (most JSON files of an app: fixtures,
locales, configs), the CLI skips the parse, and linting the file in full gives nothing either."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prodlint.config import Config
from prodlint.core import FileRole
from prodlint.engine import Engine, project_root_for
from prodlint.languages import language_for
from prodlint.parsing import Document
from prodlint.project import lint_file
from prodlint.registry import all_rules, fact_extractors
from prodlint_rules import _secrets
from prodlint_rules.hardcoded_secret import _SECRET_WORD

REPO = Path(__file__).parent.parent
ROLES = [FileRole(), FileRole(non_production=True), FileRole(test=True, non_production=True)]
ENGINE = Engine()


def _full_lint(path: str, source: bytes, root: str, role: FileRole):
    result = ENGINE.lint_document(Document(path, language_for(path), source), root, Config(), role=role)
    return result.facts, result.findings, result.suppressions


def _relpath(path: str, root: str) -> str:
    return str(Path(path).relative_to(root)).replace("\\", "/")


def test_every_json_owner_says_where_it_applies():
    """Otherwise no JSON file would be skipped: one owner without `may_apply` means every file is parsed."""
    owners = [r for r in all_rules() if r.check is not None and "json" in r.rule.targets]
    owners += [ex for ex in fact_extractors() if "json" in ex.targets]
    assert owners and all(o.may_apply is not None for o in owners)


def test_a_skipped_example_json_file_gives_nothing():
    files = sorted((REPO / "rules" / "prodlint_rules").glob("*.examples/**/*.json")) + sorted(
        (REPO / "examples").glob("**/*.json"))
    skipped = parsed = 0
    for file in files:
        root = project_root_for(str(file))
        for role in ROLES:
            source = file.read_bytes()
            if ENGINE.may_give_anything("json", _relpath(str(file), root), source, role):
                parsed += 1
                continue
            skipped += 1
            facts, findings, suppressions = _full_lint(str(file), source, root, role)
            assert not facts and not findings and not suppressions.lines, (file, role)
    assert skipped and parsed


def test_every_secret_name_word_holds_a_secret_word():
    """The named-secret half of SEC001's gate: a name `may_be_secret_name` takes holds a
    `_SECRET_WORD`, so a file spelling none in ASCII has no secret-like key."""
    for word in _secrets._CHOSEN_SECRET_WORDS | _secrets._SECRET_WORDS | {"key"}:
        assert _SECRET_WORD.search(word.encode()) and _SECRET_WORD.search(word.upper().encode()), word


# ---------------------------------------------------------------- generated JSON files

SECRETS = [
    "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "rk_test_" + "a1B2c3D4e5F6g7H8i9J0k1L2",
    "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8", "xoxb-" + "1234567890-0987654321-AbCdEfGhIjKlMnOp",
    "AKIAIOSFODNN7EXAMPLQ", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "postgres://admin:hunter2pass@db.shopco.net/app",
    "AIza" + "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcDEF123",
    "-----BEGIN RSA PRIVATE KEY-----", "SG.aBcDeFgHiJkLmNoPqRsTuV.wXyZ0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ01",
]
PLAIN = ["hello", "Save changes", "http://localhost:3000/api", "127.0.0.1", "en-US", "#fff",
         "a-very-long-kebab-cased-package-name", "x" * 45, "Pa55w0rd!Zq", "caf\u00e9", "line\\nbreak"]
KEYS = ["name", "title", "password", "apiKey", "token", "secret", "url", "synchronize", "scripts", "KEY",
        "\\u0070assword", "\\u0070asswords", "label", "clientSecret", "auth", "api\u212aey", "db.password",
        "passwords", "primaryKey", "foreignKeys"]  # `\u0070`: a `p` spelled as an escape; `\u212a`: the Kelvin sign
NAMES = ["data.json", "package.json", "railway.json", "_journal.json", "ormconfig.json", "google-services.json",
         "locales/en.json", "test/fixtures/response.json", "config/settings.json"]

values = st.sampled_from(SECRETS + PLAIN) | st.booleans() | st.integers(0, 10_000)
documents = st.recursive(
    st.dictionaries(st.sampled_from(KEYS), values, max_size=4),
    lambda inner: st.dictionaries(st.sampled_from(KEYS), inner | st.lists(values | inner, max_size=3), max_size=3),
    max_leaves=8)


#: what may stand between two tokens of a JSON file tree-sitter reads: blanks, line breaks,
#: comments (JSON with comments: tsconfig, VS Code settings), a non-breaking space
GAPS = ["", " ", "\n  ", "\t", " // note: the \"value\" [is] here\n", "\n// x\n", " /* a \"b\": [c] */ ", "\u00a0"]


def _dumped(value, rnd) -> str:
    """JSON text of `value` with a gap drawn from GAPS around every token (and keys written raw,
    so `\\u0070` stays an escape in the file)."""
    def gap() -> str:
        return rnd.choice(GAPS) if rnd.random() < 0.5 else rnd.choice(["", " ", "\n"])
    if isinstance(value, dict):
        items = [f'{gap()}"{k}"{gap()}:{gap()}{_dumped(v, rnd)}{gap()}' for k, v in value.items()]
        return "{" + ",".join(items) + "}"
    if isinstance(value, list):
        return "[" + ",".join(f"{gap()}{_dumped(v, rnd)}{gap()}" for v in value) + "]"
    return json.dumps(value, ensure_ascii=False).replace("\\\\u00", "\\u00")


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(NAMES), documents, st.sampled_from(ROLES), st.randoms(use_true_random=False))
def test_a_skipped_generated_json_file_gives_nothing(tmp_path_factory, name, document, role, rnd):
    root = tmp_path_factory.mktemp("p")
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = _dumped(document, rnd) if rnd.random() < 0.7 else json.dumps(document, indent=2, ensure_ascii=False)
    source = text.encode()
    if ENGINE.may_give_anything("json", name, source, role):
        return
    facts, findings, suppressions = _full_lint(str(path), source, str(root), role)
    assert not facts and not findings, (name, text)


@pytest.mark.parametrize("document", [{"stripe": {"secretKey": SECRETS[0]}}, {"db": {"password": "Pa55w0rd!Zq9"}},
                                      {"services": ["postgres://admin:hunter2pass@db.shopco.net/app"]}])
def test_a_secret_in_a_json_file_is_still_read(tmp_path, document):
    (tmp_path / "package.json").write_text("{}")
    path = tmp_path / "config" / "settings.json"
    path.parent.mkdir()
    path.write_text(json.dumps(document))
    assert [f.code for f in lint_file(str(path), str(tmp_path)).findings] == ["SEC001"]


def test_the_cli_gives_a_skipped_file_its_hash_and_nothing_else(tmp_path):
    (tmp_path / "package.json").write_text("{}")
    path = tmp_path / "locales" / "en.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"greeting": "Hello", "save": "Save changes"}))
    assert not ENGINE.may_give_anything("json", "locales/en.json", path.read_bytes(), FileRole())
    result = lint_file(str(path), str(tmp_path))
    assert result.skipped is None and result.content_hash and not result.facts and not result.findings


#: keys that name nothing secret: an escape spells no name; a secret word with a non-ASCII letter
#: that matches it only ignoring case (the Kelvin sign) is no secret name either
NAMELESS = ["\\u0070assword", "api\u212aey"]


#: keys written raw into the file: a backslash right before the word (not an escape JSON knows,
#: read all the same), an escaped quote or backslash before it
ESCAPED_KEYS = ["db\\password", 'a\\"password', "a\\\\password", '\\"password']


@pytest.mark.parametrize("key", ["password", "db.password", "clientSecret", *ESCAPED_KEYS, *NAMELESS])
@pytest.mark.parametrize("shape", ["{}", "[{}]", "[[{}], \"x\"]"])
def test_a_file_with_a_named_secret_is_parsed_whatever_stands_around_the_colon(tmp_path, key, shape):
    """Every gap tree-sitter reads between a key, its colon and its value (and a pair whose colon
    it recovers): where linting the file in full reports the value, the file is parsed."""
    value = shape.replace("{}", '"k8Tz2mQ9xR4vB7nW"')
    root = str(tmp_path)
    reported = 0
    for before, after in [(a, b) for a in GAPS for b in GAPS] + [(g, None) for g in GAPS]:
        text = f'{{"{key}"{before}{":" + after if after is not None else ""}{value}}}'
        source = text.encode()
        _, findings, _ = _full_lint(str(tmp_path / "settings.json"), source, root, FileRole())
        if any(f.code == "SEC001" for f in findings):
            reported += 1
            assert ENGINE.may_give_anything("json", "settings.json", source, FileRole()), text
    assert reported or key in NAMELESS
