"""A small notes API."""
from flask import Flask, jsonify, request

app = Flask(__name__)  # expect: RATE001


@app.post("/api/notes")
def create_note():
    return jsonify(request.json), 201
