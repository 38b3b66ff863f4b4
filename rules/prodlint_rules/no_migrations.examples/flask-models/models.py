from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


# expect: MIG004
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
