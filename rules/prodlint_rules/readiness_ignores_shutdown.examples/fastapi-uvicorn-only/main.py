from fastapi import FastAPI

app = FastAPI()


@app.get("/readyz")  # ok: HLT003 (uvicorn handles SIGTERM: it stops accepting first)
def readyz():
    return {"status": "ready"}
