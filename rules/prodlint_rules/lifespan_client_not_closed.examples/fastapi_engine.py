import os
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.engine = create_async_engine(os.environ["DATABASE_URL"])  # expect: SIG003
    app.state.sessions = async_sessionmaker(app.state.engine)  # ok: SIG003
    http = httpx.AsyncClient(timeout=10)  # expect: SIG003
    app.state.http = http
    yield


app = FastAPI(lifespan=lifespan)
