import os

from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse
from redis import asyncio as aioredis
from sqlalchemy.ext.asyncio import create_async_engine

engine = create_async_engine(os.environ["DATABASE_URL"])
cache = aioredis.from_url(os.environ["REDIS_URL"])

app = FastAPI(title="orders")  # expect: HLT001


@app.get("/orders/{order_id}/status")
async def order_status(order_id: int):
    raise HTTPException(404)


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


@app.get("/readyz")
async def readyz():
    check = "database"
    try:
        async with engine.connect() as conn:
            await conn.exec_driver_sql("SELECT 1")
        check = "redis"
        await cache.ping()
    except Exception:
        return JSONResponse({"status": "unavailable", "check": check}, status_code=503)
    return {"status": "ready"}


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app)
