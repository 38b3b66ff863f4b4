import environ
from decouple import config

env = environ.Env()

# django-environ and python-decouple raise when a variable without a default is unset: a
# localhost default turns that failure into a server that talks to itself.
APP_DOMAIN = env("APP_DOMAIN")  # expect: URL002
BACKEND_URL = env.str("BACKEND_URL")  # expect: URL002
BROKER_URL = config("CELERY_BROKER_URL", cast=str)  # expect: URL002
SEARCH_URL = env("SEARCH_URL", parse_default=True)  # expect: URL002

DEBUG = env.bool("DJANGO_DEBUG", default=False)  # ok: URL002
SITE_URL = env("SITE_URL", default="https://shop.example.com")  # ok: URL002
BIND = config("BIND_HOST", default="0.0.0.0")  # ok: URL002
REDIS_URL = env("REDIS_URL")  # ok: URL002
