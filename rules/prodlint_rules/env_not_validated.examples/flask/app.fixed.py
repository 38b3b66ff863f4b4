import os

from dotenv import load_dotenv
from flask import Flask

load_dotenv()


def _require_env(*names: str) -> None:
    missing = [name for name in names if not os.environ.get(name)]
    if missing:
        raise RuntimeError("Missing required environment variables: " + ", ".join(missing))


_require_env("DATABASE_URL", "SECRET_KEY", "STRIPE_SECRET_KEY")

app = Flask(__name__)  # expect: SEC004
app.config["SQLALCHEMY_DATABASE_URI"] = os.getenv("DATABASE_URL")
app.secret_key = os.environ.get("SECRET_KEY")
DEBUG = os.getenv("FLASK_DEBUG") == "1"


@app.route("/pay")
def pay():
    return {"key": os.environ["STRIPE_SECRET_KEY"]}
