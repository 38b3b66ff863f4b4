import os

from flask import Flask

from .extensions import db

app = Flask(__name__)
if os.environ.get("FLASK_ENV") == "development":
    with app.app_context():
        db.create_all()  # ok: MIG003
