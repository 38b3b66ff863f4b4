from flask import Flask, jsonify
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)  # expect: HLT001
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///app.db"
db = SQLAlchemy(app)


@app.route("/orders")
def orders():
    return jsonify([])


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


@app.get("/readyz")
def readyz():
    check = "database"
    try:
        db.session.execute(db.text("SELECT 1"))
    except Exception:
        return {"status": "unavailable", "check": check}, 503
    return {"status": "ready"}
