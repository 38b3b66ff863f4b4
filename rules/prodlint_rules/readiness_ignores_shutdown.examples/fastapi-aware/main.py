import signal

from fastapi import FastAPI, Response

app = FastAPI()
app.state.accepting = True


@app.get("/readyz")  # ok: HLT003 (reads app.state.accepting)
async def readyz(response: Response):
    if not app.state.accepting:
        response.status_code = 503
    return {}


def on_sigterm(signum, frame):
    app.state.accepting = False


signal.signal(signal.SIGTERM, on_sigterm)
