from contextlib import asynccontextmanager

from fastapi import FastAPI

from .db import engine, metadata


async def init_models():
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)  # expect: MIG003


async def drop_models():
    async with engine.begin() as conn:
        await conn.run_sync(metadata.drop_all)  # ok: MIG003


def make_tables():
    metadata.create_all(engine)  # expect: MIG003


@asynccontextmanager
async def lifespan(app: FastAPI):
    make_tables()
    await init_models()
    yield


app = FastAPI(lifespan=lifespan)
