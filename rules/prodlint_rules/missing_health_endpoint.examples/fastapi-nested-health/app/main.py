from fastapi import FastAPI

from app.api.main import api_router

app = FastAPI(title="full stack")  # ok: HLT001 (/api/v1/utils/health-check/)
app.include_router(api_router, prefix="/api/v1")
