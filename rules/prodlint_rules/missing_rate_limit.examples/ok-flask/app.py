from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)  # ok: RATE001
limiter = Limiter(get_remote_address, app=app, default_limits=["100 per minute"])


@app.post("/api/notes")
def create_note():
    return {}, 201
