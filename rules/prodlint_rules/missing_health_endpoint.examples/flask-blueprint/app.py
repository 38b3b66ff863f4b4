from flask import Flask

from ops import ops

app = Flask(__name__)  # ok: HLT001
app.register_blueprint(ops, url_prefix="/ops")
