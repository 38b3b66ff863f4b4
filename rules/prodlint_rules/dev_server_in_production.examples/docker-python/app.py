import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/orders")
def orders():
    return jsonify([])


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 8000)))  # expect: CFG002
