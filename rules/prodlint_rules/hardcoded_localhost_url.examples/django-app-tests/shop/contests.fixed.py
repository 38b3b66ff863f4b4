import requests
import os

# a module whose name merely ends in "tests" is app code
SCOREBOARD_URL = os.environ["SCOREBOARD_URL"] + "/scores"  # expect: URL001


def scores():
    return requests.get(SCOREBOARD_URL, timeout=5).json()
