"""A small notes API."""
from flask import Flask, jsonify, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)  # expect: RATE001

limiter = Limiter(
    get_remote_address,
    app=app,
    default_limits=["200 per day", "50 per hour"],
)


@app.post("/api/notes")
def create_note():
    return jsonify(request.json), 201
