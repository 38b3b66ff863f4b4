from contextlib import asynccontextmanager

import httpx
import redis.asyncio as redis
from fastapi import FastAPI
from motor.motor_asyncio import AsyncIOMotorClient
from sqlalchemy.ext.asyncio import create_async_engine

from app.db import close_db, init_db


@asynccontextmanager
async def lifespan(app: FastAPI):
    engine = create_async_engine("postgresql+asyncpg:///app")  # ok: SIG003 (disposed below)
    yield
    await engine.dispose()


@asynccontextmanager
async def lifespan_with_helper(app: FastAPI):
    app.state.engine = create_async_engine("postgresql+asyncpg:///app")  # ok: SIG003 (close_db() shuts down)
    await init_db(app.state.engine)
    yield
    await close_db()


@asynccontextmanager
async def lifespan_with_context(app: FastAPI):
    async with httpx.AsyncClient() as client:  # ok: SIG003
        app.state.client = client
        yield


@asynccontextmanager
async def lifespan_mongo(app: FastAPI):
    app.state.mongo = AsyncIOMotorClient("mongodb://db")  # ok: SIG003 (closed in on_shutdown)
    yield


async def on_shutdown():
    app.state.mongo.close()


@asynccontextmanager
async def lifespan_redis(app: FastAPI):
    app.state.redis = redis.from_url("redis://cache")  # expect: SIG003
    yield


def helper():
    engine = create_async_engine("sqlite+aiosqlite://")  # ok: SIG003 (not a lifespan)
    return engine


app = FastAPI(lifespan=lifespan)
