import signal
import sys

from flask import Flask

app = Flask(__name__)


shutting_down = False


@app.route("/ready")  # expect: HLT003
def ready():
    if shutting_down:
        return {"status": "shutting down"}, 503
    return {"status": "ready"}


def handle_sigterm(signum, frame):
    global shutting_down
    shutting_down = True
    sys.exit(0)


signal.signal(signal.SIGTERM, handle_sigterm)
