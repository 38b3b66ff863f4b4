import signal

from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()


shutting_down = False


@app.get("/readyz")  # expect: HLT003
async def readyz():
    if shutting_down:
        return JSONResponse({"status": "shutting down"}, status_code=503)
    return {"status": "ready"}


def on_sigterm(signum, frame):
    global shutting_down
    shutting_down = True
    raise SystemExit(0)


signal.signal(signal.SIGTERM, on_sigterm)
