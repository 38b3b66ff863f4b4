from flask import Flask
from sanic import Sanic

app = Flask(__name__)
other = Sanic("x")

other.run()  # ok: CFG002 (not Flask)
app.run(host="0.0.0.0")  # expect: CFG002
