from fastapi import FastAPI, Request
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)
app = FastAPI()  # ok: RATE001
app.state.limiter = limiter


@app.post("/items")
@limiter.limit("10/minute")
async def create_item(request: Request):
    return {}
