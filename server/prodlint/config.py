"""Configuration from `prodlint.toml`, `.prodlint.toml` or `[tool.prodlint]` in `pyproject.toml`.

Found by walking up from the linted path. A bad file is a `ConfigError` naming the file and the
key, which the CLI prints and exits 2 on, and the server shows once before using defaults.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import pathspec

from prodlint.api import Severity
from prodlint.paths import dir_names, relative

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILES = ("prodlint.toml", ".prodlint.toml", "pyproject.toml")
DEFAULT_MAX_FILE_SIZE = 1024 * 1024
_KNOWN_KEYS = {"select", "ignore", "extend-select", "severity", "exclude", "extend-exclude",
               "per-file-ignores", "max-file-size", "frameworks"}


class ConfigError(Exception):
    """A configuration problem, with the file and key it is about."""

    def __init__(self, path: str, key: str, message: str) -> None:
        super().__init__(f"{path}: {key}: {message}" if key else f"{path}: {message}")
        self.path, self.key, self.message = path, key, message


@dataclass(frozen=True)
class Config:
    select: frozenset[str] | None = None  # None = every rule
    ignore: frozenset[str] = frozenset()
    severity: tuple[tuple[str, Severity], ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    frameworks: tuple[tuple[str, Any], ...] = ()
    root: str = ""  # directory of the config file; globs are relative to it
    source: str | None = None  # the config file, if any
    _exclude_spec: pathspec.PathSpec | None = field(default=None, compare=False, repr=False)
    _pfi_specs: tuple[tuple[pathspec.PathSpec, frozenset[str]], ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_exclude_spec", pathspec.GitIgnoreSpec.from_lines(self.exclude) if self.exclude else None)
        object.__setattr__(self, "_pfi_specs", tuple(
            (pathspec.GitIgnoreSpec.from_lines([glob]), codes) for glob, codes in self.per_file_ignores))

    def enabled(self, code: str) -> bool:
        if code in self.ignore:
            return False
        return self.select is None or code in self.select

    def severity_for(self, code: str, default: Severity) -> Severity:
        for c, sev in self.severity:
            if c == code:
                return sev
        return default

    def _rel(self, path: str) -> str | None:
        if not self.root:
            return path.replace(os.sep, "/")
        rel = relative(path, self.root)
        return None if rel.startswith("..") else rel.replace(os.sep, "/")

    def is_excluded(self, path: str) -> bool:
        if self._exclude_spec is None:
            return False
        rel = self._rel(path)
        return rel is not None and self._exclude_spec.match_file(rel)

    def ignored_for_file(self, path: str) -> frozenset[str]:
        if not self._pfi_specs:
            return frozenset()
        rel = self._rel(path)
        if rel is None:
            return frozenset()
        out: set[str] = set()
        for spec, codes in self._pfi_specs:
            if spec.match_file(rel):
                out |= codes
        return frozenset(out)

    def with_overrides(self, select: list[str] | None = None, ignore: list[str] | None = None,
                       extend_select: list[str] | None = None,
                       severity: dict[str, str] | None = None, origin: str = "command line") -> Config:
        """The same config with command-line or editor settings applied on top."""
        cfg = self
        if select:
            cfg = replace(cfg, select=frozenset(_codes(select, origin, "select")))
        if extend_select and cfg.select is not None:
            cfg = replace(cfg, select=cfg.select | _codes(extend_select, origin, "extend-select"))
        if ignore:
            cfg = replace(cfg, ignore=cfg.ignore | _codes(ignore, origin, "ignore"))
        if severity:
            cfg = replace(cfg, severity=cfg.severity + _severities(severity, origin))
        return cfg


def _codes(selectors: Any, path: str, key: str) -> frozenset[str]:
    from prodlint.registry import resolve_selector

    if isinstance(selectors, str):
        selectors = [s for s in selectors.replace(",", " ").split() if s]
    if not isinstance(selectors, list) or not all(isinstance(s, str) for s in selectors):
        raise ConfigError(path, key, "expected a list of rule codes or names")
    out: set[str] = set()
    for sel in selectors:
        codes = resolve_selector(sel)
        if not codes:
            raise ConfigError(path, key, f"unknown rule {sel!r} (see `prodlint rules`)")
        out |= codes
    return frozenset(out)


def _severities(value: Any, path: str) -> tuple[tuple[str, Severity], ...]:
    if not isinstance(value, dict):
        raise ConfigError(path, "severity", "expected a table like { SEC001 = \"error\" }")
    out = []
    for key, sev in value.items():
        try:
            level = Severity(str(sev).lower())
        except ValueError:
            raise ConfigError(path, f"severity.{key}", f"{sev!r} is not one of error, warning, info, hint") from None
        for code in sorted(_codes([key], path, f"severity.{key}")):
            out.append((code, level))
    return tuple(out)


def _globs(value: Any, path: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, key, "expected a list of glob patterns")
    return tuple(value)


def parse_table(table: dict[str, Any], path: str) -> Config:
    """A Config from the `[tool.prodlint]` / top-level table of a config file."""
    for key in table:
        if key not in _KNOWN_KEYS:
            raise ConfigError(path, key, f"unknown key (known: {', '.join(sorted(_KNOWN_KEYS))})")
    select = _codes(table["select"], path, "select") if "select" in table else None
    if "extend-select" in table and select is not None:
        select = select | _codes(table["extend-select"], path, "extend-select")
    ignore = _codes(table.get("ignore", []), path, "ignore")
    severity = _severities(table.get("severity", {}), path)
    exclude = _globs(table.get("exclude", []), path, "exclude") + _globs(table.get("extend-exclude", []), path, "extend-exclude")
    pfi_raw = table.get("per-file-ignores", {})
    if not isinstance(pfi_raw, dict):
        raise ConfigError(path, "per-file-ignores", "expected a table of glob = [codes]")
    pfi = tuple((glob, _codes(codes, path, f"per-file-ignores.{glob}")) for glob, codes in pfi_raw.items())
    max_size = table.get("max-file-size", DEFAULT_MAX_FILE_SIZE)
    if not isinstance(max_size, int) or isinstance(max_size, bool) or max_size <= 0:
        raise ConfigError(path, "max-file-size", "expected a positive number of bytes")
    frameworks = table.get("frameworks", {})
    if not isinstance(frameworks, dict):
        raise ConfigError(path, "frameworks", "expected a table")
    return Config(select, ignore, severity, exclude, pfi, max_size, tuple(sorted(frameworks.items())),
                  root=os.path.dirname(os.path.abspath(path)), source=path)


def load_file(path: str) -> Config | None:
    """The config in `path`, or None for a pyproject.toml without [tool.prodlint]."""
    from prodlint.regular_files import read_regular

    try:
        data = tomllib.loads(read_regular(path).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(path, "", f"invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(path, "", f"cannot read: {exc.strerror}") from None
    if os.path.basename(path) == "pyproject.toml":
        table = data.get("tool", {}).get("prodlint")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(path, "tool.prodlint", "expected a table")
        return parse_table(table, path)
    return parse_table(data, path)


def find_config(start: str) -> Config:
    """The nearest config walking up from `start` (a file or directory); defaults if none."""
    directory = os.path.abspath(start)
    if not os.path.isdir(directory):
        directory = os.path.dirname(directory)
    return nearest_config(directory)


@lru_cache(maxsize=4096)
def nearest_config(directory: str) -> Config:
    """The config that governs an absolute `directory`, each folder looked at once: the files of
    a tree share their ancestors (a pyproject.toml without [tool.prodlint] was once parsed again
    for every folder below it). Cleared when a config may have changed
    (`prodlint.project.forget_configs`)."""
    names = dir_names(directory)
    for name in CONFIG_FILES:
        if name in names:
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate):
                cfg = load_file(candidate)
                if cfg is not None:
                    return cfg
    parent = os.path.dirname(directory)
    return Config() if parent == directory else nearest_config(parent)
