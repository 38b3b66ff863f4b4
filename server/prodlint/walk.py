"""The workspace walk, and reading a file defensively.

Respects `.gitignore` files (nested ones too, with pathspec's gitignore semantics: prodlint.gitignore),
always skips dependency, virtualenv and build-output folders, never follows a symlink out of the
root, and turns binary, non-UTF-8 and oversized files into a skip reason instead of an error.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass

from prodlint.config import DEFAULT_MAX_FILE_SIZE, Config
from prodlint.gitignore import GitIgnore, compile_gitignore
from prodlint.languages import language_for
from prodlint.paths import relative
from prodlint.regular_files import NotRegularFile, kind_of, read_regular, read_regular_sized

log = logging.getLogger("prodlint")

ALWAYS_SKIPPED_DIRS = frozenset({
    "node_modules", ".git", ".hg", ".svn", "venv", ".venv", "env", "virtualenv", "__pycache__",
    "dist", "build", ".next", ".nuxt", ".svelte-kit", ".output", "coverage", ".turbo", ".cache",
    ".parcel-cache", ".vercel", ".netlify", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tox",
    ".nox", "site-packages", "bower_components", ".yarn", ".pnpm-store", ".idea", ".vscode",
})


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


def read_source(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes | Skipped:
    """The bytes of a file, or why it is skipped (too big, binary, not UTF-8, unreadable)."""
    try:
        data, size = read_regular_sized(path, max_size + 1)  # a FIFO would block an open(): never opened
        if size > max_size or len(data) > max_size:
            return Skipped(path, f"larger than {max_size} bytes ({max(size, len(data))})")
    except NotRegularFile as exc:
        return Skipped(path, str(exc))
    except OSError as exc:
        return Skipped(path, f"unreadable: {exc.strerror or exc}")
    return check_source(path, data, max_size)


def check_source(path: str, data: bytes, max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes | Skipped:
    """The same checks for text that did not come from disk (an editor buffer)."""
    if len(data) > max_size:
        return Skipped(path, f"larger than {max_size} bytes ({len(data)})")
    if b"\x00" in data[:8192]:
        return Skipped(path, "binary content")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Skipped(path, f"not valid UTF-8 (byte {exc.start})")
    if data.startswith(b"\xef\xbb\xbf"):
        return data  # the BOM stays: offsets must match the file on disk
    return data


def _gitignore_spec(directory: str) -> GitIgnore | None:
    """The compiled `.gitignore` of `directory`, or None. Kept per (path, inode, size, mtime): a
    run reads each one several times (the walk, every project's context walk, each `.env`
    file's ignore check) and the language server again on every re-index."""
    path = os.path.join(directory, ".gitignore")
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    key = (path, st.st_ino, st.st_size, st.st_mtime_ns)
    try:
        return _SPECS[key]
    except KeyError:
        pass
    spec = _read_gitignore(path)
    if len(_SPECS) >= 4096:
        _SPECS.clear()
    _SPECS[key] = spec
    return spec


_SPECS: dict[tuple[str, int, int, int], GitIgnore | None] = {}


def _read_gitignore(path: str) -> GitIgnore | None:
    """None for a file without a line that matches anything (blank, comments only)."""
    try:
        lines = read_regular(path).decode("utf-8", "replace").splitlines()
    except OSError:
        return None
    invalid: list[str] = []
    spec = compile_gitignore(lines, invalid)
    if invalid and path not in _WARNED:
        _WARNED.add(path)
        log.warning("%s: %d invalid pattern(s) ignored", path, len(invalid))
    return spec or None


_WARNED: set[str] = set()


class IgnoreStack:
    """The `.gitignore` files that apply to a directory, innermost last."""

    def __init__(self, specs: tuple[tuple[str, GitIgnore], ...] = ()) -> None:
        self.specs = specs

    def push(self, directory: str) -> IgnoreStack:
        spec = _gitignore_spec(directory)
        return IgnoreStack(self.specs + ((directory, spec),)) if spec else self

    def ignored(self, path: str, is_dir: bool) -> bool:
        """Git's rule: the deepest .gitignore that has an opinion wins (negation included)."""
        verdict = False
        for base, spec in self.specs:
            rel = relative(path, base).replace(os.sep, "/")
            if rel.startswith(".."):
                continue
            if is_dir:
                rel += "/"
            include = spec.check(rel)
            if include is not None:
                verdict = include
        return verdict


def ignore_stack_for(directory: str, top: str) -> IgnoreStack:
    """Ignore rules from `top` down to `directory` (both absolute)."""
    chain = []
    current = directory
    while True:
        chain.append(current)
        if current == top:
            break
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    stack = IgnoreStack()
    for d in reversed(chain):
        stack = stack.push(d)
    return stack


def git_top(path: str) -> str:
    """The enclosing git work tree (its .gitignore files apply), or `path` itself."""
    current = os.path.abspath(path)
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return os.path.abspath(path)
        current = parent


def git_top_or(path: str, fallback: str) -> str:
    """The git work tree holding `path`, else `fallback` (a project root outside any repo)."""
    current = os.path.abspath(path)
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return os.path.abspath(fallback)
        current = parent


def is_git_ignored(path: str, fallback_top: str) -> bool:
    """Whether git would ignore `path` under its .gitignore files (nested ones, negations)."""
    directory = os.path.dirname(os.path.abspath(path))
    top = git_top_or(directory, fallback_top)
    if not (directory == top or directory.startswith(top + os.sep)):
        top = directory
    return ignore_stack_for(directory, top).ignored(os.path.abspath(path), False)


def _regular_entry(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _irregular_reason(entry: os.DirEntry[str]) -> str:
    try:
        return f"not a regular file ({kind_of(entry.stat().st_mode)})"
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"


def walk(root: str, config: Config | None = None, *, verbose: bool = False) -> Iterator[str | Skipped]:
    """Every lintable file under `root` (absolute paths), in a stable order; skipped files as
    `Skipped` so the caller can say why in verbose mode."""
    config = config or Config()
    root = os.path.abspath(root)
    if os.path.isfile(root):
        if language_for(root):
            yield root
        return
    real_root = os.path.realpath(root)
    stack0 = ignore_stack_for(os.path.dirname(root), git_top(root)) if root != git_top(root) else IgnoreStack()
    if stack0.ignored(root, True):
        stack0 = IgnoreStack()  # a directory named explicitly is linted even if git ignores it
    todo: list[tuple[str, IgnoreStack]] = [(root, stack0.push(root))]
    while todo:
        directory, stack = todo.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            log.info("skipping %s: %s", directory, exc.strerror)
            continue
        subdirs = []
        for entry in entries:
            path = entry.path
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir()
            except OSError as exc:  # a symbolic-link loop
                if verbose and language_for(entry.name):
                    yield Skipped(path, f"unreadable: {exc.strerror or exc}")
                continue
            if is_link:
                target = os.path.realpath(path)
                if not (target == real_root or target.startswith(real_root + os.sep)):
                    if verbose:
                        yield Skipped(path, "symlink out of the root")
                    continue
                if is_dir:
                    continue  # a link inside the root is walked at its real place
            if is_dir:
                if entry.name in ALWAYS_SKIPPED_DIRS or entry.name.endswith(".egg-info"):
                    continue
                if stack.ignored(path, True) or config.is_excluded(path + "/"):
                    continue
                subdirs.append(path)
                continue
            if not language_for(path):  # the whole path: a Kubernetes manifest is known by its folder
                continue
            if not is_dir and not _regular_entry(entry):
                if verbose:
                    yield Skipped(path, _irregular_reason(entry))
                continue
            # env files are read even when ignored: SEC003 must know they exist
            if stack.ignored(path, False) and not entry.name.startswith(".env"):
                continue
            if config.is_excluded(path):
                continue
            yield path
        for sub in reversed(subdirs):
            todo.append((sub, stack.push(sub)))
