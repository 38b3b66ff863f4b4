"""Settings read from the environment."""

from os import getenv

# expect: URL002
BROKER_URL = getenv("BROKER_URL", "amqp://localhost:5672")
# ok: URL002
SITE_URL = getenv("SITE_URL", "https://shop.io")
