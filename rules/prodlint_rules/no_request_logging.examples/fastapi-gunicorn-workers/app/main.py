from fastapi import FastAPI

app = FastAPI()  # expect: LOG002
