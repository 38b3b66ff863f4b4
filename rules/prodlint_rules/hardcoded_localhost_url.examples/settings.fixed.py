"""Settings. The API runs at http://localhost:8000 during development."""
import redis
import requests
from sqlalchemy import create_engine
import os

DATABASE = os.environ["DATABASE_URL"]  # expect: URL001
cache = redis.Redis.from_url(os.environ["REDIS_URL"])  # expect: URL001
engine = create_engine(os.environ["DATABASE_URL"])  # expect: URL001
PAYMENTS_API = os.environ["PAYMENTS_API_URL"] + "/payments"  # expect: URL001


def fetch_user(user_id):
    return requests.get(os.environ["API_URL"] + f"/users/{user_id}", timeout=5)  # expect: URL001


# ok: URL001
print("serving on http://localhost:8000")
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]  # ok: URL001
if DEBUG:
    FRONTEND = "http://localhost:5173"  # ok: URL001
app.run(host="0.0.0.0", port=8000)  # ok: URL001
uvicorn.run(app, host="127.0.0.1", port=8000)  # ok: URL001
is_local = request.host_url == "http://localhost:8000/"  # ok: URL001
