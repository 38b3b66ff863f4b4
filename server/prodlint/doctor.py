"""`prodlint doctor`: what prodlint runs with, for a bug report.

Prints the Python and library versions, the grammars, the configuration in effect for a path, and
what each editor package would start (the VS Code extension's discovery chain as far as it can be
seen from a shell, and the Neovim plugin's default `cmd`). It reads; it never starts a server.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from importlib import metadata

from prodlint import __version__
from prodlint.config import CONFIG_FILES, ConfigError, find_config, load_file

LIBRARIES = ("tree-sitter", "pygls", "lsprotocol", "cattrs", "pathspec")
GRAMMARS = {  # distribution -> module exposing language()/language_typescript()
    "tree-sitter-javascript": ("tree_sitter_javascript", "language"),
    "tree-sitter-typescript": ("tree_sitter_typescript", "language_typescript"),
    "tree-sitter-python": ("tree_sitter_python", "language"),
    "tree-sitter-json": ("tree_sitter_json", "language"),
}
IMPORT_CHECK = "import prodlint, sys; sys.stdout.write(getattr(prodlint, '__version__', '?'))"
MIN_PYTHON = (3, 10)


def _dist_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _grammar_line(dist: str, module: str, func: str) -> str:
    """The wheel's version and the ABI version of the grammar it ships (what py-tree-sitter checks)."""
    version = _dist_version(dist)
    try:
        import importlib

        import tree_sitter

        lang = tree_sitter.Language(getattr(importlib.import_module(module), func)())
        abi = getattr(lang, "abi_version", None) or getattr(lang, "version", "?")
        return f"{dist} {version} (grammar ABI {abi})"
    except Exception as exc:  # a broken grammar is exactly what this report is for
        return f"{dist} {version}: cannot load ({type(exc).__name__}: {exc})"


def _config_lines(path: str) -> list[str]:
    """Every config file on the way up from `path`, and which one is in effect."""
    lines: list[str] = []
    directory = os.path.abspath(path)
    if not os.path.isdir(directory):
        directory = os.path.dirname(directory)
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate):
                try:
                    has_table = load_file(candidate) is not None
                    lines.append(f"  {candidate}" + ("" if has_table else " (no [tool.prodlint]: not used)"))
                except ConfigError as exc:
                    lines.append(f"  {candidate}: ERROR {exc}")
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    try:
        effective = find_config(path).source or "none (defaults)"
    except ConfigError as exc:
        effective = f"ERROR {exc}"
    return (lines or ["  none found"]) + [f"  in effect: {effective}"]


def _python_facts(python: str) -> tuple[tuple[int, int] | None, str | None]:
    """(version, prodlint version importable by `python` or None), run outside any project."""
    probe = "import sys; sys.stdout.write('%d.%d' % sys.version_info[:2])"
    try:
        out = subprocess.run([python, "-c", probe], capture_output=True, text=True, timeout=15, cwd=os.path.expanduser("~"))
        major, minor = (int(x) for x in out.stdout.strip().split("."))
        imported = subprocess.run([python, "-c", IMPORT_CHECK], capture_output=True, text=True, timeout=15,
                                  cwd=os.path.expanduser("~"))
        return (major, minor), (imported.stdout.strip() if imported.returncode == 0 else None)
    except (OSError, ValueError, subprocess.SubprocessError):
        return None, None


def vscode_chain() -> list[str]:
    """The VS Code extension's discovery chain, with the steps a shell can see decided."""
    lines = ["VS Code extension (first match wins):"]
    env_cmd = os.environ.get("PRODLINT_SERVER_CMD", "").strip()
    lines.append(f"  1. PRODLINT_SERVER_CMD: {env_cmd or 'not set'}; prodlint.server.command: see VS Code settings")
    lines.append("  2. prodlint.path: see VS Code settings")
    python = shutil.which("python3") or shutil.which("python")
    lines.append("  3. prodlint.interpreter / Python extension interpreter (must `import prodlint`): see VS Code")
    on_path = shutil.which("prodlint")
    lines.append(f"  4. prodlint on PATH: {on_path or 'not found'}")
    if python:
        version, imported = _python_facts(python)
        shown = ".".join(map(str, version)) if version else "unknown version"
        ok = version is not None and version >= MIN_PYTHON
        lines.append(f"  5. bundled server (platform .vsix) with python3 on PATH: {python} (Python {shown}"
                     f"{'' if ok else ', too old: needs 3.10+'}; imports prodlint: {imported or 'no'})")
    else:
        lines.append("  5. bundled server (platform .vsix): no python3 on PATH (the Python extension's interpreter may serve)")
    outcome = ("PRODLINT_SERVER_CMD" if env_cmd else f"{on_path} serve" if on_path else
               "the bundled server, or a setting" if python else "nothing: install prodlint from a clone (`pipx install .`) or set prodlint.path")
    lines.append(f"  without settings: {outcome}")
    return lines


def neovim_cmd() -> list[str]:
    """What the Neovim plugin's default `cmd` resolves to."""
    exe = shutil.which("prodlint")
    missing = 'NOT FOUND on PATH: set cmd = { "/path/to/prodlint", "serve" }'
    return ['Neovim plugin (default cmd = { "prodlint", "serve" }):', f"  prodlint -> {exe or missing}"]


def report(path: str = ".") -> str:
    """The whole report as text."""
    lines = [
        f"prodlint {__version__} ({os.path.dirname(os.path.abspath(__file__))})",
        f"Python {platform.python_version()} ({sys.executable}) on {platform.system()} {platform.machine()}",
        "libraries: " + ", ".join(f"{name} {_dist_version(name)}" for name in LIBRARIES),
        "grammars:",
        *(f"  {_grammar_line(dist, module, func)}" for dist, (module, func) in GRAMMARS.items()),
        f"configuration for {os.path.abspath(path)}:",
        *_config_lines(path),
        *vscode_chain(),
        *neovim_cmd(),
    ]
    return "\n".join(lines)
