import requests

# A sample for users to copy, kept in a folder of examples: not code the app runs.
requests.get("https://status.example.com/api/push/abc123?status=up")  # ok: NET001
