"""Settings read when a request needs them."""
from os import environ

from dotenv import load_dotenv

load_dotenv()
import os


def _require_env(*names: str) -> None:
    missing = [name for name in names if not os.environ.get(name)]
    if missing:
        raise RuntimeError("Missing required environment variables: " + ", ".join(missing))


_require_env("STRIPE_SECRET_KEY", "MAIL_PASSWORD")

SITE_NAME = environ.get("SITE_NAME", "Acme")  # ok: SEC002


def stripe_key():
    return environ["STRIPE_SECRET_KEY"]  # expect: SEC002


def mail_password():
    password = environ["MAIL_PASSWORD"]  # expect: SEC002
    return password
