"""Which literal values look generated (`looks_random`): a value written as words with a number
among them is a setting or a message key, never a generated key; and random keys are so shaped
too seldom to miss one."""

from __future__ import annotations

import random
import string

import pytest

from prodlint_rules._secrets import looks_random

WORDS = ["howItWorksStep1Title", "resetPassword2Description", "checkoutStep2Summary", "onboardingTour2Dismissed",
         "--max_old_space_size=6144", "openai:gpt-4o-mini", "anthropic:claude-3-5-sonnet", "my-app-session-2024",
         "mailer_smtp_oauth2_client_secret", "aws_s3_upload_bucket_region2"]
GENERATED = ["Zx8Qw3Lk9Pm2Rt7Vb4Nc", "a8Fk3LmQ9zXr2TbWq7Zp", "9f86d081884c7d659a2feaa0c55ad015",
             "dGhpcyBpcyBhIHNlY3JldDEyMw==", "ab12-cd34-ef56-gh78-ij90", "k3j2h5g6f7d8s9a0q1w2"]


@pytest.mark.parametrize("value", WORDS)
def test_words_with_a_number_are_not_generated(value):
    assert not looks_random(value)


@pytest.mark.parametrize("value", GENERATED)
def test_generated_keys_still_are(value):
    assert looks_random(value)


@pytest.mark.parametrize("alphabet", [string.ascii_letters + string.digits, string.ascii_letters + string.digits + "-_",
                                      string.ascii_letters + string.digits + "+/", string.ascii_lowercase + string.digits])
def test_random_keys_are_seldom_word_shaped(alphabet):
    """Of 20,000 random keys of 16 to 40 characters that looked generated before, at most one in
    a thousand is now taken for words (measured: about one in 4,000 at worst)."""
    rng = random.Random(7)
    lost = 0
    for _ in range(20_000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.choice((16, 20, 24, 32, 40))))
        if not looks_random(value) and _looked_random_before(value):
            lost += 1
    assert lost <= 20


def _looked_random_before(value: str) -> bool:
    """`looks_random` without its test for words."""
    from prodlint_rules._secrets import shannon_entropy

    if not (any(c.isdigit() for c in value) and any(c.isalpha() for c in value)):
        return False
    if all(c in string.hexdigits for c in value):
        return len(value) >= 24 and shannon_entropy(value) >= 3.0
    return shannon_entropy(value) >= 3.5
