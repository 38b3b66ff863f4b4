from fastapi import FastAPI

from app.routers import items

app = FastAPI()  # expect: HLT001
app.include_router(items.router, prefix="/items")


@app.get("/healthz")
def healthz():
    return {"status": "ok"}
