import json
import logging


def load(path):
    try:
        with open(path) as fh:
            return json.load(fh)
    except Exception:  # expect: ERR004
        logging.exception("Unexpected error")


def charge(order):
    try:
        order.charge()
    except:  # expect: ERR004
        logging.exception("Unexpected error")


def lookup(cache, key):
    try:
        return cache[key]
    except KeyError:  # ok: ERR004
        pass


def cleanup(tmp):
    try:
        tmp.unlink()
    except Exception:  # ok: ERR004
        pass  # best effort: the OS cleans /tmp anyway


def send(msg):
    try:
        msg.send()
    except Exception as exc:  # ok: ERR004
        raise RuntimeError("send failed") from exc


def warm(cache):
    try:
        cache.preload()
    except Exception:  # ok: ERR004
        # the first request loads what preloading could not
        pass


def record(event):
    try:
        event.save()
    except Exception:  # expect: ERR004
        # logger.exception("could not save the event")
        logging.exception("Unexpected error")
