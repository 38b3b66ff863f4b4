from fastapi import FastAPI

from app.routers import system

app = FastAPI()  # ok: HLT001 (/api/health from the system router)
app.include_router(system.router, prefix="/api")
