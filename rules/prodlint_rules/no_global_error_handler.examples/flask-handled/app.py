from flask import Flask

app = Flask(__name__)  # ok: ERR002


@app.errorhandler(Exception)
def on_error(err):
    app.logger.exception(err)
    return {"error": "internal"}, 500
