from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


# ok: MIG004
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
