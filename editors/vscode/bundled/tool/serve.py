"""Runs the prodlint carried inside the extension with whatever Python 3.10+ VS Code found.

    python -I serve.py serve      (any prodlint arguments: `--version`, `doctor`, ...)

Pure-Python and abi3 libraries sit in ../libs/common; py-tree-sitter's core is built per CPython
version, so ../libs/cp3XX is picked by this interpreter's version. Both go first on sys.path, so a
different prodlint or pygls installed for this Python is never mixed in.
"""

from __future__ import annotations

import os
import sys

MIN_PYTHON = (3, 10)
EXIT_UNSUPPORTED = 3


def main() -> int:
    libs = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "libs")
    version = "%d.%d" % sys.version_info[:2]
    if sys.version_info < MIN_PYTHON:
        sys.stderr.write(f"prodlint: the bundled server needs Python 3.10 or later; {sys.executable} is {version}\n")
        return EXIT_UNSUPPORTED
    core = os.path.join(libs, "cp%d%d" % sys.version_info[:2])
    if sys.implementation.name != "cpython" or not os.path.isdir(core):
        built = sorted(d for d in os.listdir(libs) if d.startswith("cp")) if os.path.isdir(libs) else []
        sys.stderr.write(f"prodlint: the bundled server has no tree-sitter build for {sys.implementation.name} "
                         f"{version} (it carries {', '.join(built) or 'none'}); install prodlint from a clone for this "
                         "Python (`pipx install .`) or set prodlint.interpreter\n")
        return EXIT_UNSUPPORTED
    sys.path[:0] = [core, os.path.join(libs, "common")]
    from prodlint.cli import main as prodlint_main

    return prodlint_main(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
