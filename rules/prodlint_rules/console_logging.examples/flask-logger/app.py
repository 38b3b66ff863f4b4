import logging
import os

import click
from flask import Flask

logger = logging.getLogger(__name__)
app = Flask(__name__)
db_url = os.environ["DATABASE_URL"]

print("Connecting to", db_url)  # expect: LOG001


@app.route("/")
def index():
    print("index hit")  # expect: LOG001
    return "ok"


@app.cli.command("seed")
@click.argument("count")
def seed(count):
    print(f"seeded {count} rows")  # ok: LOG001 (a Flask CLI command)


with open("report.txt", "w") as out:
    print("report", file=out)  # ok: LOG001 (writes to a file)
