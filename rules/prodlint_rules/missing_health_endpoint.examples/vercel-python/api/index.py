"""A Vercel Python function: the platform runs it per request."""

from flask import Flask, jsonify

# ok: HLT001
app = Flask(__name__)


@app.get("/api/items")
def items():
    return jsonify([])
