from fastapi import APIRouter

from app.services import llm
from app.services.llm import word_count

router = APIRouter(prefix="/replies")


@router.post("/draft")  # expect: RATE003
def draft(body: dict):
    return {"reply": llm.draft_reply(body["text"])}


@router.post("/count")  # ok: RATE003
def count(body: dict):
    return {"words": word_count(body["text"])}
