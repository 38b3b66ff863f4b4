from flask import Flask


def create_app():
    app = Flask(__name__)  # expect: RATE001

    @app.route("/api/upload", methods=["POST"])
    def upload():
        return {"ok": True}

    return app
