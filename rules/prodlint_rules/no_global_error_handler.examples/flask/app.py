from flask import Flask, jsonify

app = Flask(__name__)  # expect: ERR002


@app.get("/orders")
def orders():
    return jsonify([])


if __name__ == "__main__":
    app.run()
