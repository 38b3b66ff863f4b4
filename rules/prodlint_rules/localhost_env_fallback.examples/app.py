import os
from os import environ

DATABASE_URL = os.getenv("DATABASE_URL", "postgresql://localhost/app")  # expect: URL002
REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")  # expect: URL002
BROKER = environ.get("CELERY_BROKER_URL", "amqp://guest@localhost//")  # expect: URL002

HOST = os.getenv("HOST", "0.0.0.0")  # ok: URL002
PORT = int(os.getenv("PORT", "8000"))  # ok: URL002
SITE = os.getenv("SITE_URL", "https://example.com")  # ok: URL002
NAME = os.getenv("APP_NAME", "localhost")  # ok: URL002
