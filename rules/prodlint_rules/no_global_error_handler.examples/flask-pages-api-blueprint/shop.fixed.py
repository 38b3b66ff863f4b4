import flask

api = flask.Blueprint("api", __name__, url_prefix="/api")


@api.get("/items")
def items():
    return {"items": []}


def create_app():
    app = flask.Flask(__name__)  # expect: ERR002
    app.register_blueprint(api)

    @app.get("/")
    def index():
        return flask.render_template("index.html")

    @app.errorhandler(500)
    def internal_server_error(err):
        if flask.request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html":
            return err  # Flask's own error page, for browsers
        return {"error": "Internal Server Error"}, 500

    return app
