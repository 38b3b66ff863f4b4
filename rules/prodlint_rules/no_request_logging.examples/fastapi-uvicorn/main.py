from fastapi import FastAPI

app = FastAPI()  # ok: LOG002 (uvicorn logs each request by default)
