from flask import Flask, jsonify

app = Flask(__name__)  # expect: ERR002


@app.get("/orders")
def orders():
    return jsonify([])


@app.errorhandler(500)
def internal_server_error(err):
    return {"error": "Internal Server Error"}, 500


if __name__ == "__main__":
    app.run()
