import os

GITHUB_TOKEN = os.environ.get("GITHUB_TOKEN", "ghp_Ab3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zAb")  # expect: SEC002
JWT_KEY = os.getenv("JWT_SECRET_KEY") or "jwt-secret"  # expect: SEC002
os.environ.setdefault("API_TOKEN", "tok_9f2aK3mZx81Lq")  # expect: SEC002
REDIS_URL = os.getenv("REDIS_URL", "redis://localhost:6379/0")  # ok: SEC002 (URL002 reports it)
SETTINGS_MODULE = os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")  # ok: SEC002
PASSWORD_MIN_LENGTH = int(os.getenv("PASSWORD_MIN_LENGTH", "12"))  # ok: SEC002
CORS_ALLOW_CREDENTIALS = os.environ.get("CORS_ALLOW_CREDENTIALS", "false") == "true"  # ok: SEC002 (a flag)
OPTIONAL_CREDENTIALS = os.getenv("ATHENA_OPTIONAL_CREDENTIALS", "True")  # ok: SEC002 (a flag)
