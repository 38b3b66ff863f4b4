from flask import Flask
from peewee import SqliteDatabase

from .models import Note, User

db = SqliteDatabase("app.db")
db.create_tables([User, Note])  # expect: MIG003
app = Flask(__name__)
