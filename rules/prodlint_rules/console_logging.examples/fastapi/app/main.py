"""Inventory API."""
from __future__ import annotations

import sys

import uvicorn
from fastapi import FastAPI, HTTPException

app = FastAPI()


@app.get("/items/{item_id}")
async def read_item(item_id: int):
    try:
        return await load(item_id)
    except LookupError as exc:
        print("item lookup failed:", exc, file=sys.stderr)  # expect: LOG001
        raise HTTPException(status_code=404) from exc


@app.on_event("startup")
async def announce():
    print(f"Inventory API ready ({len(app.routes)} routes)")  # expect: LOG001
    print("Progress: 100%", "done")  # expect: LOG001


async def load(item_id: int):
    raise LookupError(item_id)


if __name__ == "__main__":
    print("Starting on port", 8000)  # expect: LOG001
    uvicorn.run(app, host="0.0.0.0", port=8000)
