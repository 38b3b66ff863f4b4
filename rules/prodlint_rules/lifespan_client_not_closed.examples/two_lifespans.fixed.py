import os
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import create_async_engine


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.engine = create_async_engine(os.environ["DATABASE_URL"], echo=True)  # expect: SIG003
    yield
    await app.state.engine.dispose()


def create_app(engine=None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if engine is not None:
            yield
            return
        app.state.engine = create_async_engine(os.environ["DATABASE_URL"])  # ok: SIG003
        try:
            yield
        finally:
            await app.state.engine.dispose()

    return FastAPI(lifespan=lifespan)
