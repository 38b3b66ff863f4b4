from flask import Flask
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)


with app.app_context():
    db.create_all()  # expect: MIG003


@app.cli.command("init-db")
def init_db_command():
    db.create_all()  # ok: MIG003


if __name__ == "__main__":
    db.create_all()  # ok: MIG003
    app.run(debug=True)
