import os

API = os.getenv("API_URL", "http://localhost:8000")  # ok: URL002
