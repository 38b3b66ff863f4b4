"""`python -m prodlint` runs the CLI (editors launch `python -m prodlint serve`)."""

from prodlint.cli import entry

entry()
