from fastapi import FastAPI

from app.api import replies

app = FastAPI()
app.include_router(replies.router)
