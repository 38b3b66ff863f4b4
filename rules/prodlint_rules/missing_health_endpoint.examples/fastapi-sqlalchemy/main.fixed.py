import os

import redis
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import create_engine

engine = create_engine(os.environ["DATABASE_URL"])
cache = redis.Redis.from_url(os.environ["REDIS_URL"])

app = FastAPI()  # expect: HLT001


@app.get("/orders")
def orders():
    return []


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


@app.get("/readyz")
def readyz():
    check = "database"
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        check = "redis"
        cache.ping()
    except Exception:
        return JSONResponse({"status": "unavailable", "check": check}, status_code=503)
    return {"status": "ready"}
