import os
import urllib.request

import httpx
import requests
from requests import Session

BILLING_URL = os.environ["BILLING_URL"]


def get_invoice(invoice_id):
    resp = requests.get(f"{BILLING_URL}/invoices/{invoice_id}", timeout=10)  # expect: NET001
    return resp.json()


def create_invoice(data):
    return requests.post(  # expect: NET001
        f"{BILLING_URL}/invoices",
        json=data,
        timeout=10,
    )


def ping():
    return urllib.request.urlopen(BILLING_URL + "/ping", timeout=10).read()  # expect: NET001


session = requests.Session()


def list_invoices():
    return session.get(f"{BILLING_URL}/invoices", timeout=10).json()  # expect: NET001


def with_session():
    with Session() as s:
        return s.delete(f"{BILLING_URL}/cache", timeout=10)  # expect: NET001


client = httpx.Client(timeout=10)  # expect: NET001


def fine(data, **kwargs):
    requests.get(BILLING_URL, timeout=5)  # ok: NET001
    requests.post(BILLING_URL, json=data, timeout=(3, 10))  # ok: NET001
    requests.get(BILLING_URL, **kwargs)  # ok: NET001
    urllib.request.urlopen(BILLING_URL, None, 10)  # ok: NET001
    httpx.get(BILLING_URL)  # ok: NET001
    httpx.AsyncClient(timeout=10)  # ok: NET001
    data.get("key")  # ok: NET001
    os.environ.get("KEY")  # ok: NET001
