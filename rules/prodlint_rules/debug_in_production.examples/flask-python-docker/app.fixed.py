from flask import Flask, jsonify
import os

app = Flask(__name__)


@app.get("/orders")
def orders():
    return jsonify([])


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8000, debug=os.environ.get("FLASK_DEBUG") == "1")  # expect: CFG001
