import openai
from fastapi import FastAPI

from .notify import format_number, text_user

app = FastAPI()


@app.post("/remind")  # expect: RATE003
def remind(number: str):
    text_user(format_number(number), "Your appointment is tomorrow")
    return {"sent": True}


@app.post("/normalize")  # ok: RATE003
def normalize(number: str):
    return {"number": format_number(number)}


@app.post("/legacy-complete")  # expect: RATE003
def legacy_complete(prompt: str):
    return openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": prompt}])
