from flask import Flask

from .extensions import db


def create_app(config=None):
    app = Flask(__name__)
    db.init_app(app)
    with app.app_context():
        db.create_all()  # expect: MIG003
    return app
