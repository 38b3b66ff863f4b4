from os import getenv
from decouple import config
import environ
import os

env = environ.Env()

SECRET_KEY = config("SECRET_KEY")  # expect: SEC002
STRIPE_API_KEY = os.environ["STRIPE_API_KEY"]  # expect: SEC002
OPENAI_API_KEY = env("OPENAI_API_KEY")  # expect: SEC002
EMAIL_HOST_PASSWORD = config("EMAIL_HOST_PASSWORD", cast=str)  # expect: SEC002

DEBUG = config("DEBUG", default=False, cast=bool)  # ok: SEC002
ALLOWED_HOSTS = config("ALLOWED_HOSTS", default="localhost")  # ok: SEC002
TIME_ZONE = getenv("TIME_ZONE", "UTC")  # ok: SEC002
EMAIL_HOST_USER = config("EMAIL_HOST_USER", default="")  # ok: SEC002
