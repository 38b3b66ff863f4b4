import os

import asyncpg
from fastapi import APIRouter, FastAPI
from sqlalchemy.ext.asyncio import create_async_engine

app = FastAPI()
router = APIRouter()


engine = create_async_engine(os.environ["DATABASE_URL"])  # expect: DB001


@router.get("/items")
async def items():
    async with engine.connect() as conn:
        return (await conn.exec_driver_sql("SELECT 1")).all()


@app.post("/jobs")
async def jobs(payload: dict):
    pool = await asyncpg.create_pool(os.environ["DATABASE_URL"])  # expect: DB001
    async with pool.acquire() as conn:
        await conn.execute("INSERT INTO jobs(payload) VALUES ($1)", payload)
    return {"ok": True}


@app.on_event("startup")
async def startup():
    app.state.pool = await asyncpg.create_pool(os.environ["DATABASE_URL"])  # ok: DB001


app.include_router(router)
