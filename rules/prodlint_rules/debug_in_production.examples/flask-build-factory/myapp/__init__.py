from flask import Flask


def build_application():
    app = Flask(__name__)
    return app
