import signal

from fastapi import FastAPI

app = FastAPI()


@app.get("/readyz")  # expect: HLT003
async def readyz():
    return {"status": "ready"}


def on_sigterm(signum, frame):
    raise SystemExit(0)


signal.signal(signal.SIGTERM, on_sigterm)
