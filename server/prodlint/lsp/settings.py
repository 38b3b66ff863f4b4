"""Editor settings, from `initializationOptions` and `workspace/configuration`.

Parsed once per change into a frozen `Settings`; a bad value is reported once (one
`window/showMessage`) and the defaults are used instead, so a typo never stops the linting.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

SEVERITIES = ("error", "warning", "info", "hint")
RUN_MODES = ("onType", "onSave")
DIAGNOSTIC_MODES = ("auto", "push", "pull")
LOG_LEVELS = ("debug", "info", "warning", "error")


@dataclass(frozen=True)
class Settings:
    enable: bool = True
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    unsafe_fixes: bool = False
    run: str = "onType"
    lint_delay: int = 100  # ms: the per-document debounce; 0 lints at once
    log_level: str = "info"
    diagnostic_mode: str = "auto"  # auto: pull when the client can pull and be asked to refresh
    baseline: str = ""  # baseline file (relative to the workspace folder); "" = .prodlint-baseline.json if present


_KEYS = {
    "enable": "enable", "select": "select", "ignore": "ignore", "severity": "severity",
    "unsafeFixes": "unsafe_fixes", "run": "run", "lintDelay": "lint_delay", "logLevel": "log_level",
    "diagnosticMode": "diagnostic_mode", "baseline": "baseline",
}


class SettingsError(ValueError):
    pass


def _codes(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split() if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"{key}: expected a list of rule codes or names")
    return tuple(value)


def _check(key: str, value: Any) -> Any:
    if key == "enable" or key == "unsafeFixes":
        if not isinstance(value, bool):
            raise SettingsError(f"{key}: expected true or false")
        return value
    if key in ("select", "ignore"):
        return _codes(key, value)
    if key == "severity":
        if not isinstance(value, dict):
            raise SettingsError('severity: expected an object like {"SEC001": "error"}')
        out = []
        for code, sev in value.items():
            if str(sev).lower() not in SEVERITIES:
                raise SettingsError(f"severity.{code}: {sev!r} is not one of {', '.join(SEVERITIES)}")
            out.append((str(code), str(sev).lower()))
        return tuple(sorted(out))
    if key == "baseline":
        if not isinstance(value, str):
            raise SettingsError("baseline: expected the path of a baseline file")
        return value
    if key == "lintDelay":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise SettingsError("lintDelay: expected a number of milliseconds >= 0")
        return int(value)
    choices = {"run": RUN_MODES, "logLevel": LOG_LEVELS, "diagnosticMode": DIAGNOSTIC_MODES}[key]
    if value not in choices:
        raise SettingsError(f"{key}: {value!r} is not one of {', '.join(choices)}")
    return value


def parse(raw: Any, base: Settings | None = None) -> tuple[Settings, list[str]]:
    """Settings from a client's JSON object, and the problems found (unknown keys are the
    editor's own, e.g. "server.command", and are left alone).

    The object may be the settings themselves or nest them under "prodlint"."""
    base = base or Settings()
    if raw is None:
        return base, []
    if not isinstance(raw, dict):
        return base, ["settings: expected an object"]
    if isinstance(raw.get("prodlint"), dict):
        raw = raw["prodlint"]
    values: dict[str, Any] = {}
    errors: list[str] = []
    for key, value in raw.items():
        attr = _KEYS.get(key)
        if attr is None:
            continue
        try:
            values[attr] = _check(key, value)
        except SettingsError as exc:
            errors.append(str(exc))
    if errors:
        return Settings(), errors
    known = {f.name for f in fields(Settings)}
    merged = {f.name: getattr(base, f.name) for f in fields(Settings)}
    merged.update({k: v for k, v in values.items() if k in known})
    return Settings(**merged), []
