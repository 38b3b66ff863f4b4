from flask import Flask

from .extensions import db


def create_app():
    app = Flask(__name__)
    db.init_app(app)
    with app.app_context():
        db.drop_all()  # expect: MIG001
        db.create_all()
    return app
