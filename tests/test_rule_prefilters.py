"""Cheap tests that let rules skip a full judgement never skip what the judgement accepts."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings, strategies as st

from prodlint.facts.health import STRONG, WEAK, is_health_path
from prodlint_rules.hardcoded_secret import _APP_PASSWORD_BYTES, _APP_PASSWORD_LENGTH
from prodlint_rules.missing_health_endpoint import _HEALTH_WORD
from prodlint_rules.webhook_unverified import _PROVIDER_WORDS, _PROVIDERS, _provider

_SEGMENTS = st.sampled_from(sorted(STRONG | WEAK) + ["api", "v1", "users", "x-health", "HEALTHZ", "Status", "",
                                                      "upload", "ping_", ":id", "İ", "K"]) | st.text(max_size=6)


@settings(max_examples=500, deadline=None)
@given(st.lists(_SEGMENTS, max_size=5).map("/".join), st.sampled_from(["", "/", "?", "^", "$"]))
@example("/api/v1/health-check/", "")
@example("/LIVEZ", "")
def test_every_health_path_holds_a_health_word(path, suffix):
    path += suffix
    if is_health_path(path):
        assert not path.isascii() or _HEALTH_WORD.search(path)


@pytest.mark.parametrize("provider", [name for name, _ in _PROVIDERS])
def test_every_provider_match_holds_a_provider_word(provider):
    pattern = dict(_PROVIDERS)[provider]

    @settings(max_examples=300, deadline=None)
    @given(st.from_regex(pattern))
    def holds_a_word(text):
        assert pattern.search(text)
        assert not text.isascii() or any(word in text.lower() for word in _PROVIDER_WORDS)
        assert _provider(text) is not None

    holds_a_word()


def test_every_joined_capture_of_sec001_is_a_plus_or_a_substituted_template():
    """SEC001 folds its `@concat` and `@joined` captures without asking again what they are."""
    from pathlib import Path

    from prodlint.engine import Engine
    from prodlint.languages import language_for
    from prodlint.parsing import Document
    from prodlint_rules.hardcoded_secret import _is_concat

    engine, seen = Engine(), 0
    folder = Path(__file__).parent.parent / "rules" / "prodlint_rules" / "hardcoded_secret.examples"
    for path in sorted(folder.rglob("*")):
        language = language_for(str(path))
        if not path.is_file() or language is None:
            continue
        doc = Document(str(path), language, path.read_bytes())
        ctx = engine.context(doc, str(folder))
        for _, caps in engine.run_query(doc).get("SEC001", []):
            for node in caps.get("concat", []) + caps.get("joined", []):
                seen += 1
                assert _is_concat(ctx, node) or (node.type == "template_string" and any(
                    c.type == "template_substitution" for c in node.named_children)), (path.name, node)
    assert seen > 10


@given(st.from_regex(_APP_PASSWORD_BYTES, fullmatch=True))
def test_an_app_password_literal_has_one_length(text):
    assert len(text) == _APP_PASSWORD_LENGTH
