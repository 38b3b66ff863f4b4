from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/github/webhook")  # expect: HOOK001
async def github_webhook(request: Request):
    payload = await request.json()
    if request.headers.get("x-github-event") == "pull_request":
        await review(payload["pull_request"])
    return {"ok": True}
