import json

from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/webhook")
async def webhook(request: Request):
    event = json.loads(await request.body())  # expect: ERR005
    return {"type": event["type"]}


@app.post("/raw")
async def raw(request: Request):
    data = await request.json()  # expect: ERR005
    return data


@app.post("/guarded")
async def guarded(request: Request):
    try:
        data = await request.json()  # ok: ERR005
    except json.JSONDecodeError:
        data = None
    return data
