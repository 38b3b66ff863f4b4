import os

from fastapi import FastAPI

DATABASE_URL = os.environ["DATABASE_URL"]
JWT_SECRET = os.environ["JWT_SECRET"]

app = FastAPI()  # ok: SEC004 (os.environ[...] at import time already stops the app)
