# The test cases of the project's own semgrep rule: code written to match it, never run.
import requests

# ruleid: requests-without-timeout
requests.get("https://foo")  # ok: NET001

# ok: requests-without-timeout
requests.get("https://foo", timeout=5)  # ok: NET001
