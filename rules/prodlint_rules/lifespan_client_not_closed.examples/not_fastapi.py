from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import create_async_engine


@asynccontextmanager
async def session_scope():
    engine = create_async_engine("sqlite+aiosqlite://")  # ok: SIG003 (not an app lifespan)
    yield engine
