"""GitHub Actions workflow commands: annotations on the pull request's diff."""

from __future__ import annotations

from prodlint.output import Located

_LEVEL = {"error": "error", "warning": "warning", "info": "notice", "hint": "notice"}


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render(located: list[Located]) -> str:
    lines = []
    for loc in located:
        f = loc.finding
        level = _LEVEL.get(f.severity.value if f.severity else "warning", "warning")
        props = (f"file={_escape(loc.path, True)},line={loc.line},col={loc.column},"
                 f"endLine={loc.end_line},endColumn={loc.end_column},title={_escape(f.code + ' ' + f.name, True)}")
        lines.append(f"::{level} {props}::{_escape(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
