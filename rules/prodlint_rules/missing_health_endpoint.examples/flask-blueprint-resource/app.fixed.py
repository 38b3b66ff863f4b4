from flask import Flask

from orders import bp

app = Flask(__name__)  # expect: HLT001
app.register_blueprint(bp, url_prefix="/orders")


@app.get("/healthz")
def healthz():
    return {"status": "ok"}
