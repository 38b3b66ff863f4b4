from flask import Flask


def create_app():
    app = Flask(__name__)  # expect: ERR002
    app.config.from_prefixed_env()

    @app.errorhandler(500)
    def internal_server_error(err):
        return {"error": "Internal Server Error"}, 500

    return app
