"""Settings read when a request needs them."""
from os import environ

from dotenv import load_dotenv

load_dotenv()

SITE_NAME = environ.get("SITE_NAME", "Acme")  # ok: SEC002


def stripe_key():
    return environ.get("STRIPE_SECRET_KEY", "stripe-fallback-key-01")  # expect: SEC002


def mail_password():
    password = environ.get("MAIL_PASSWORD") or "mail-pass-2024"  # expect: SEC002
    return password
