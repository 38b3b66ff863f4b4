from flask import Flask

app = Flask(__name__)  # ok: LOG002 (gunicorn --access-logfile -)
