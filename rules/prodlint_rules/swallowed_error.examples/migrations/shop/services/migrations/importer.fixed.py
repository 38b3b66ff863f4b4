import json
import logging


def import_catalogue(payload):
    """Imports another shop's catalogue export: a service of the app, run from a view."""
    try:
        return json.loads(payload)["products"]
    except Exception:  # expect: ERR004
        logging.exception("Unexpected error")
