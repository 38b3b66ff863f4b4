from flask import Flask
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)

with app.app_context():
    db.drop_all()  # expect: MIG001
    db.create_all()


@app.cli.command("reset-db")
def reset_db():
    db.drop_all()  # ok: MIG001
    db.create_all()


def wipe():
    db.drop_all()  # ok: MIG001


if __name__ == "__main__":
    db.drop_all()  # ok: MIG001
    app.run()
