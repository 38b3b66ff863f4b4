from fastapi import FastAPI

app = FastAPI(
    servers=[
        {"url": "https://api.shop.dev", "description": "Production"},
        {"url": "http://localhost:8000", "description": "Local development"},  # ok: URL001
    ]
)
INVENTORY = {"url": "http://localhost:9000", "name": "inventory"}  # expect: URL001
