from flask import Blueprint

ops = Blueprint("ops", __name__)


@ops.get("/ping")
def ping():
    return "pong"
