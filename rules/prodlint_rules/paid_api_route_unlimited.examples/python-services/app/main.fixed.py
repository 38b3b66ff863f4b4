import openai
from fastapi import FastAPI

from .notify import format_number, text_user
from slowapi import Limiter, _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded
from slowapi.util import get_remote_address
from fastapi import Request

app = FastAPI()

limiter = Limiter(key_func=get_remote_address)
app.state.limiter = limiter
app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)


@app.post("/remind")  # expect: RATE003
@limiter.limit("10 per minute")
def remind(request: Request, number: str):
    text_user(format_number(number), "Your appointment is tomorrow")
    return {"sent": True}


@app.post("/normalize")  # ok: RATE003
def normalize(number: str):
    return {"number": format_number(number)}


@app.post("/legacy-complete")  # expect: RATE003
@limiter.limit("10 per minute")
def legacy_complete(request: Request, prompt: str):
    return openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": prompt}])
