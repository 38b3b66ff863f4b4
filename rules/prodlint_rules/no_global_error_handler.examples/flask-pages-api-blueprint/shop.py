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

    return app
