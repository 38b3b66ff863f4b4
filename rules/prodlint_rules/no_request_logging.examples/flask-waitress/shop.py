from flask import Flask

app = Flask(__name__)  # expect: LOG002
