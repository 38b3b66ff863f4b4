"""Settings for the shop API.

Set STRIPE_KEY=sk_live_51Jq8ZbT4nW2vX9kLmP3rQ7sY in production (a docstring documents, it does not ship).
"""
from pathlib import Path

import stripe
import psycopg2
from anthropic import Anthropic

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "django-insecure-8f#k2v9q!zr4m@x1p7w3t6y0b5n"  # expect: SEC001
stripe.api_key = "rk_live_51Jq8ZbT4nW2vX9kLmP3rQ7sY"  # expect: SEC001
client = Anthropic(api_key="sk-ant-api03-Qw3rTy7uIo9pAs1dFg5hJk2lZx8cVb4nM6Lk9Jh8Gf7D")  # expect: SEC001
conn = psycopg2.connect(host="db.internal", user="shop", password="Tr0ub4dor-3")  # expect: SEC001
HEADERS = {"Authorization": "Bearer ghp_Ab3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zAb"}  # expect: SEC001
SQLALCHEMY_DATABASE_URI = "postgresql://shop:Zq8rT2vW@db.internal.acme.io:5432/shop"  # expect: SEC001
SLACK_WEBHOOK = "https://hooks.slack.com/services/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"  # expect: SEC001

DEBUG_PASSWORD = os.environ.get("DEBUG_PASSWORD", "Tr0ub4dor-3")  # ok: SEC001 (SEC002 reports it)
SECRET_KEY_FALLBACK = config("SECRET_KEY", default="django-insecure-8f#k2v9q!zr4m@x1p7w3t6y0b5n")  # ok: SEC001
PASSWORD_RESET_TIMEOUT = "259200"  # ok: SEC001
AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]  # ok: SEC001
SESSION_COOKIE_NAME = "shop_session_id"  # ok: SEC001
API_KEY_HEADER = "X-Api-Key"  # ok: SEC001
api_key = "{api_key}"  # ok: SEC001
token = f"{prefix}-{uuid4().hex}"  # ok: SEC001
password = "password123"  # ok: SEC001
SECRET_KEY_FILE = "/run/secrets/django_key"  # ok: SEC001
CELERY_BROKER_URL = "redis://:@localhost:6379/0"  # ok: SEC001
