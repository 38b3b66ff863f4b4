from requests import (
    get,
    post,
)


def fetch_rates(url):
    return get(url).json()  # expect: NET001


def cached(store, key):
    return store.get(key)  # ok: NET001
