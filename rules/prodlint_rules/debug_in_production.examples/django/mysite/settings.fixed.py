"""Django settings for mysite."""
from pathlib import Path
import os

BASE_DIR = Path(__file__).resolve().parent.parent

# SECURITY WARNING: don't run with debug turned on in production!
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"  # expect: CFG001

ALLOWED_HOSTS = []
INSTALLED_APPS = ["django.contrib.admin"]
