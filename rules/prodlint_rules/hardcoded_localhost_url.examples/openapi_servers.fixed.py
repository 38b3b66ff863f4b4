from fastapi import FastAPI
import os

app = FastAPI(
    servers=[
        {"url": "https://api.shop.dev", "description": "Production"},
        {"url": "http://localhost:8000", "description": "Local development"},  # ok: URL001
    ]
)
INVENTORY = {"url": os.environ["API_URL"], "name": "inventory"}  # expect: URL001
