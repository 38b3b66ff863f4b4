from contextlib import asynccontextmanager

from fastapi import FastAPI

from .database import Base, engine


def init_db():
    Base.metadata.drop_all(bind=engine)  # expect: MIG001
    Base.metadata.create_all(bind=engine)


@asynccontextmanager
async def lifespan(app: FastAPI):
    init_db()
    yield


app = FastAPI(lifespan=lifespan)


@app.on_event("shutdown")
def cleanup():
    cache.drop_all()  # ok: MIG001
