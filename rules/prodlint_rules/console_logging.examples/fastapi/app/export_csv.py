import csv
import sys

from app.main import app


def main() -> None:
    writer = csv.writer(sys.stdout)
    for route in app.routes:
        print(route.path)  # ok: LOG001 (a script run by hand: __main__ and no server)


if __name__ == "__main__":
    main()
