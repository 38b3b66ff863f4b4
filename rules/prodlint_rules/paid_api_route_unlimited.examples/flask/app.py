from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from openai import OpenAI

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app)
client = OpenAI()


@app.post("/ask")  # expect: RATE003
def ask():
    response = client.chat.completions.create(model="gpt-4o-mini", messages=request.json["messages"])
    return {"answer": response.choices[0].message.content}


@app.post("/ask-limited")  # ok: RATE003
@limiter.limit("10 per minute")
def ask_limited():
    response = client.chat.completions.create(model="gpt-4o-mini", messages=request.json["messages"])
    return {"answer": response.choices[0].message.content}


@app.get("/models")  # ok: RATE003
def models():
    return {"models": ["gpt-4o-mini"]}
