import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["DB_NAME"],
        "HOST": os.environ["DB_HOST"],
    }
}

# The CI job's own database: this branch runs only there.
if os.environ.get("GITHUB_WORKFLOW"):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "ci",
            "PASSWORD": os.environ["CI_DB_PASSWORD"],
            "HOST": "127.0.0.1",  # ok: URL001
            "PORT": "5432",
        }
    }

# Not a CI variable: a production setting like any other.
if os.environ.get("USE_REPLICA"):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "replica",
            "PASSWORD": os.environ["DB_PASSWORD"],
            "HOST": os.environ["DB_HOST"],  # expect: URL001
            "PORT": "5432",
        }
    }
