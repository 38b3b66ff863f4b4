import signal
import sys

from flask import Flask

app = Flask(__name__)


@app.route("/ready")  # expect: HLT003
def ready():
    return {"status": "ready"}


def handle_sigterm(signum, frame):
    sys.exit(0)


signal.signal(signal.SIGTERM, handle_sigterm)
