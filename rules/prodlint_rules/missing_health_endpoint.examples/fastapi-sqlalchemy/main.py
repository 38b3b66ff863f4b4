import os

import redis
from fastapi import FastAPI
from sqlalchemy import create_engine

engine = create_engine(os.environ["DATABASE_URL"])
cache = redis.Redis.from_url(os.environ["REDIS_URL"])

app = FastAPI()  # expect: HLT001


@app.get("/orders")
def orders():
    return []
