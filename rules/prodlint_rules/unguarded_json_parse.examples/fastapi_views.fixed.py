import json

from fastapi import FastAPI, Request
from fastapi import HTTPException

app = FastAPI()


@app.post("/webhook")
async def webhook(request: Request):
    try:
        event = json.loads(await request.body())
    except ValueError:
        raise HTTPException(status_code=400, detail="Invalid JSON")  # expect: ERR005
    return {"type": event["type"]}


@app.post("/raw")
async def raw(request: Request):
    try:
        data = await request.json()
    except ValueError:
        raise HTTPException(status_code=400, detail="Invalid JSON")  # expect: ERR005
    return data


@app.post("/guarded")
async def guarded(request: Request):
    try:
        data = await request.json()  # ok: ERR005
    except json.JSONDecodeError:
        data = None
    return data
