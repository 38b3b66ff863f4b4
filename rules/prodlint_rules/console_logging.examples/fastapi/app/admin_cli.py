import argparse


def run() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("email")
    args = parser.parse_args()
    print(f"created {args.email}")  # ok: LOG001 (argparse command-line tool)
