"""Inventory API."""
from __future__ import annotations

import logging
import sys

import uvicorn
from fastapi import FastAPI, HTTPException

logger = logging.getLogger(__name__)

app = FastAPI()


@app.get("/items/{item_id}")
async def read_item(item_id: int):
    try:
        return await load(item_id)
    except LookupError as exc:
        logger.exception("item lookup failed: %s", exc)  # expect: LOG001
        raise HTTPException(status_code=404) from exc


@app.on_event("startup")
async def announce():
    logger.info(f"Inventory API ready ({len(app.routes)} routes)")  # expect: LOG001
    logger.info("Progress: 100%% %s", "done")  # expect: LOG001


async def load(item_id: int):
    raise LookupError(item_id)


if __name__ == "__main__":
    logger.info("Starting on port %s", 8000)  # expect: LOG001
    uvicorn.run(app, host="0.0.0.0", port=8000)
