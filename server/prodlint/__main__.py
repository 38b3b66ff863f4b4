"""`python -m prodlint` runs the CLI (editors launch `python -m prodlint serve`)."""

from prodlint.cli import main

raise SystemExit(main())
