from fastapi import FastAPI
from sqlmodel import SQLModel

from .database import Base, engine

# expect: MIG003
Base.metadata.create_all(bind=engine)

app = FastAPI()


@app.on_event("startup")
def on_startup():
    SQLModel.metadata.create_all(engine)  # expect: MIG003


def create_db_and_tables():
    SQLModel.metadata.create_all(engine)  # ok: MIG003
