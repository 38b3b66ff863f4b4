from flask import Flask
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)


@app.before_first_request
def setup():
    db.create_all()  # expect: MIG003
