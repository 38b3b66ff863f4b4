# Settings for a developer's machine: production loads shop/settings/production.py.
SITE_URL = "http://localhost:8000"  # ok: URL001 (development settings)
CACHE_URL = "redis://localhost:6379/1"  # ok: URL001 (development settings)
