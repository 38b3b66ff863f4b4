from app import db

db.drop_all()  # ok: MIG001
