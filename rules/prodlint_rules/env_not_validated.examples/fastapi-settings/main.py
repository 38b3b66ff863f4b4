import os

from fastapi import FastAPI
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str
    jwt_secret: str


settings = Settings()
app = FastAPI()  # ok: SEC004
REDIS = os.getenv("REDIS_URL")
