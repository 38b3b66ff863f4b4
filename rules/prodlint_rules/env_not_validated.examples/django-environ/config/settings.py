import os

import environ

env = environ.Env()
environ.Env.read_env()

SECRET_KEY = env("DJANGO_SECRET_KEY")  # raises ImproperlyConfigured when it is missing
DATABASES = {"default": env.db("DATABASE_URL")}
SENTRY_DSN = os.environ.get("SENTRY_DSN")

INSTALLED_APPS = ["django.contrib.auth", "shop"]  # ok: SEC004
ROOT_URLCONF = "config.urls"
