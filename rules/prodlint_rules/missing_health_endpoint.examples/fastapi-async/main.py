import os

from fastapi import FastAPI, HTTPException
from redis import asyncio as aioredis
from sqlalchemy.ext.asyncio import create_async_engine

engine = create_async_engine(os.environ["DATABASE_URL"])
cache = aioredis.from_url(os.environ["REDIS_URL"])

app = FastAPI(title="orders")  # expect: HLT001


@app.get("/orders/{order_id}/status")
async def order_status(order_id: int):
    raise HTTPException(404)


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app)
