import logging
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI
from sqlalchemy import create_engine

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    global engine
    engine = create_engine("sqlite:///app.db")  # expect: SIG003
    pool = await asyncpg.create_pool(dsn="postgresql:///app")  # expect: SIG003
    app.state.pool = pool
    try:
        yield
    finally:
        logger.info("shutting down")


app = FastAPI(lifespan=lifespan)
