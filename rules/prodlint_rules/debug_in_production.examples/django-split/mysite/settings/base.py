from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DEBUG = True  # ok: CFG001 (production.py overrides it)
INSTALLED_APPS = ["django.contrib.admin"]
