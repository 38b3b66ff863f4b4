from os import getenv
from decouple import config
import environ

env = environ.Env()

SECRET_KEY = config("SECRET_KEY", default="django-insecure-change-me")  # expect: SEC002
STRIPE_API_KEY = getenv("STRIPE_API_KEY", "sk_test_xxx")  # expect: SEC002
OPENAI_API_KEY = env("OPENAI_API_KEY", default="sk-proj-Zx8cVb4nM6Qw3rTy7uIo9pAs1dFg5hJk2l")  # expect: SEC002
EMAIL_HOST_PASSWORD = config("EMAIL_HOST_PASSWORD", default="Tr0ub4dor-3", cast=str)  # expect: SEC002

DEBUG = config("DEBUG", default=False, cast=bool)  # ok: SEC002
ALLOWED_HOSTS = config("ALLOWED_HOSTS", default="localhost")  # ok: SEC002
TIME_ZONE = getenv("TIME_ZONE", "UTC")  # ok: SEC002
EMAIL_HOST_USER = config("EMAIL_HOST_USER", default="")  # ok: SEC002
