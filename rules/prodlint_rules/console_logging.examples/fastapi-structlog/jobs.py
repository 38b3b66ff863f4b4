from fastapi import APIRouter
from loguru import logger

router = APIRouter()


@router.post("/jobs")
def run_job(name: str):
    print("running job", name)  # expect: LOG001
    print("100% of", name)  # expect: LOG001
    return {"ok": True}
