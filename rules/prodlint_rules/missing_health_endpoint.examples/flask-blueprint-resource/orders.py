from flask import Blueprint

bp = Blueprint("orders", __name__)


@bp.get("/status")
def status():
    return {"open": 4}
