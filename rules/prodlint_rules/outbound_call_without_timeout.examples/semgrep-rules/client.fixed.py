import os

import requests

PAYMENTS_URL = os.environ["PAYMENTS_URL"]


def charge(order_id):
    return requests.post(f"{PAYMENTS_URL}/charges", json={"order": order_id}, timeout=10)  # expect: NET001
