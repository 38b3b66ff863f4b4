"""SEC001's shortcuts for env-like files give the full computation's answer: a value of a file
whose bytes hold no token or URL password (`may_hold_secret`) skips the token and URL searches, and
a compose service's `build:` is looked for only for entries whose name may be a secret's."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import prodlint_rules.hardcoded_secret as sec
from prodlint.engine import Engine
from prodlint.languages import COMPOSE, DOTENV, language_for
from prodlint.parsing import Document
from prodlint_rules._secrets import find_credential_url, find_secret_token, may_be_secret_name, may_hold_secret

ROOT = Path(__file__).resolve().parent.parent
GENERATED_COMPOSE = """services:
  api:
    build: .
    environment:
      DB_PASSWORD: {value}
      - "API_TOKEN={value}"
      PORT: 3000
  db:
    image: postgres
    environment:
      POSTGRES_PASSWORD: {value}
      {name}: {value}
"""


def _env_like_files() -> list[Path]:
    found = []
    for top in (ROOT / "rules" / "prodlint_rules", ROOT / "examples"):
        found += [p for p in top.rglob("*") if p.is_file() and language_for(str(p)) in (COMPOSE, DOTENV)]
    assert len(found) >= 5  # the examples hold compose files and .env files of every kind
    return found


def _context(path: str, source: bytes):
    return Engine().context(Document(path, language_for(path), source), str(Path(path).parent))


def _entries_agree(ctx) -> None:
    full = list(sec._compose_environment(ctx))
    lazy = list(sec._compose_environment(ctx, may_be_secret_name))
    assert [e[2:] for e in full] == [e[2:] for e in lazy]
    for whole, partial in zip(full, lazy):
        if may_be_secret_name(whole[5]):
            assert whole[1] == partial[1]  # the judged entries see the real answer


def _values_agree(source: bytes, values: list[tuple[str, str]]) -> None:
    tokens = may_hold_secret(source)
    for name, value in values:
        if not tokens:  # what makes skipping the searches exact
            assert find_secret_token(value) is None and find_credential_url(value) is None, value
        for named in (True, False):
            found = sec._secret_in_value(name, value, named, tokens)
            assert found == sec._secret_in_value(name, value, named, True)
            if find_secret_token(value) is not None or find_credential_url(value) is not None:
                assert found is not None, value


def test_the_shortcuts_change_nothing_on_the_example_files():
    for path in _env_like_files():
        source = path.read_bytes()
        ctx = _context(str(path), source)
        if ctx.language == COMPOSE:
            _entries_agree(ctx)
            values = [(e[5], e[6]) for e in sec._compose_environment(ctx)]
        else:
            values = [(e.name, sec._env_value(e.raw)[0]) for e in sec.dotenv_entries(ctx.lines()) if e.raw]
        _values_agree(source, values)


VALUES = st.sampled_from(["s3cr3t-Pa55w0rd!", "changeme", "${DB_PASS}", "postgres://app:hunter2@db:5432/app",
                          "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "AKIA" + "IOSFODNN7EXAMPL3", "x" * 12,
                          "ghp_" + "a1B2" * 9, "abcd efgh ijkl mnop", "3000", "", "'quoted value 123'"])
NAMES = st.sampled_from(["JWT_SECRET", "API_KEY", "PORT", "DATABASE_URL", "STRIPE_KEY", "NODE_ENV", "passwd",
                         "SESSION_SECRET", "HOST", "GITHUB_TOKEN"])


@settings(max_examples=150, deadline=None)
@given(VALUES, NAMES, st.sampled_from(["docker-compose.yml", "docker-compose.dev.yml", "compose.prod.yaml"]))
def test_the_shortcuts_change_nothing_on_generated_compose_files(value, name, filename):
    source = GENERATED_COMPOSE.format(value=value, name=name).encode()
    ctx = _context(f"/tmp/app/{filename}", source)
    _entries_agree(ctx)
    _values_agree(source, [(e[5], e[6]) for e in sec._compose_environment(ctx)])
