import requests

# a module whose name merely ends in "tests" is app code
SCOREBOARD_URL = "http://localhost:9000/scores"  # expect: URL001


def scores():
    return requests.get(SCOREBOARD_URL, timeout=5).json()
