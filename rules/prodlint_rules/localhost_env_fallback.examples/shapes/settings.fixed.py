"""Settings read from the environment."""

from os import getenv
import os

# expect: URL002
BROKER_URL = os.environ["BROKER_URL"]
# ok: URL002
SITE_URL = getenv("SITE_URL", "https://shop.io")
