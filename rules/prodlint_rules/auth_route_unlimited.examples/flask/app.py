from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app)


@app.route("/login", methods=["GET", "POST"])  # expect: RATE002
def login():
    return {"ok": True}


@app.post("/signup")
@limiter.limit("5 per 15 minutes")  # ok: RATE002
def signup():
    return {"ok": True}


@app.post("/password/forgot")  # expect: RATE002
def forgot():
    return {"ok": True}


@app.post("/logout")  # ok: RATE002
def logout():
    return {"ok": True}


@app.get("/login/help")  # ok: RATE002
def login_help():
    return {"help": "..."}
