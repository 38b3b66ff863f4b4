from fastapi import APIRouter, Request
from slowapi import Limiter
from slowapi.util import get_remote_address

router = APIRouter()
limiter = Limiter(key_func=get_remote_address)


@router.post("/token")  # expect: RATE002
async def token():
    return {"access_token": "..."}


@router.post("/login")  # ok: RATE002
@limiter.limit("5/minute")
async def login(request: Request):
    return {"ok": True}


@router.post("/otp/verify")  # expect: RATE002
async def verify_otp():
    return {"ok": True}
