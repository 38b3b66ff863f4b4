import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # a KeyError at import already stops the app
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": os.environ["POSTGRES_PASSWORD"]}}

INSTALLED_APPS = ["django.contrib.auth", "shop"]  # ok: SEC004
ROOT_URLCONF = "shop.urls"
