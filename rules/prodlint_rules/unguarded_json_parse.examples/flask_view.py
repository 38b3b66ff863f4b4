import json

from flask import Flask, request

app = Flask(__name__)


@app.post("/orders")
def create_order():
    order = json.loads(request.data)  # expect: ERR005
    raw = request.get_data()
    items = json.loads(raw)  # expect: ERR005
    prefs = request.get_json()  # ok: ERR005 (Flask answers 400 itself)
    try:
        meta = json.loads(request.data)  # ok: ERR005
    except ValueError:
        meta = {}
    config = json.loads(open("config.json").read())  # ok: ERR005 (not request input)
    return {"id": order["id"], "items": items, "prefs": prefs, "meta": meta, "config": config}
