import os

BASE_URL = f"http://localhost:{os.environ.get('PORT', '8000')}"  # ok: URL001 (an end-to-end test helper)
