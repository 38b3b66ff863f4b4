"""Text output. `full` (the default) shows each finding as Ruff's full output and ESLint's
stylish do: severity, code and name, message, the source line with the span underlined, the fixes
on offer (`[*]` safe, `[~]` unsafe) and the rule's documentation. `concise` keeps one line per
finding (`path:line:col: CODE name message`). Both end with a summary per severity and per
failure category, and how many files were checked.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from prodlint.api import Applicability, Finding
from prodlint.output import Located, frame_of, rule_url
from prodlint.rules_readme import CATEGORIES

SEVERITY_ORDER = ("error", "warning", "info", "hint")
_SGR = {"error": "1;31", "warning": "1;33", "info": "1;34", "hint": "1;36", "bold": "1", "dim": "2",
        "safe": "32", "unsafe": "33", "path": "1;36", "gutter": "34"}


@dataclass(frozen=True)
class Style:
    """ANSI colour, or none."""

    color: bool = False

    def __call__(self, kind: str, text: str) -> str:
        if not self.color or not text:
            return text
        return f"\x1b[{_SGR[kind]}m{text}\x1b[0m"


def use_color(choice: str, stream: TextIO | None = None) -> bool:
    """`--color always|never|auto`: auto is on for a terminal unless NO_COLOR is set (any value
    but the empty string, as no-color.org says); FORCE_COLOR turns it on in auto mode."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR", ""):
        return False
    if os.environ.get("FORCE_COLOR", ""):
        return True
    stream = stream or sys.stdout
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def severity_of(f: Finding) -> str:
    return f.severity.value if f.severity else "warning"


def _safe(f: Finding) -> bool:
    return any(x.applicability is Applicability.SAFE for x in f.fixes)


def _unsafe_only(f: Finding) -> bool:
    return not _safe(f) and any(x.applicability is Applicability.UNSAFE for x in f.fixes)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# ---------------------------------------------------------------- one finding

def concise_line(loc: Located, style: Style = Style()) -> str:
    f = loc.finding
    mark = " [*]" if _safe(f) else ""
    where = style("bold", f"{loc.path}:{loc.line}:{loc.column}:")
    return f"{where} {style(severity_of(f), f.code)}{mark} {f.name} {f.message}"


def full_block(loc: Located, secrets: dict, style: Style = Style()) -> list[str]:
    f = loc.finding
    sev = severity_of(f)
    lines = [f"{style(sev, f'{sev}[{f.code}]')} {style('bold', f.name)}: {f.message}"]
    frame = frame_of(loc, secrets)
    width = len(str(frame.number)) if frame else 1
    gutter = " " * width
    lines.append(f"{gutter}{style('gutter', '-->')} {style('path', f'{loc.path}:{loc.line}:{loc.column}')}")
    if frame is not None:
        bar = style("gutter", "|")
        lines.append(f"{gutter} {bar}")
        lines.append(f"{style('gutter', str(frame.number).rjust(width))} {bar} {frame.text}")
        under = frame.underline + (f" (+{_plural(frame.more_lines, 'line')})" if frame.more_lines else "")
        lines.append(f"{gutter} {bar} {style(sev, under)}")
        lines.append(f"{gutter} {bar}")
    eq = style("gutter", "=")
    for fix in f.fixes:
        if fix.applicability is Applicability.SAFE:
            lines.append(f"{gutter} {eq} {style('safe', '[*] fix')}: {fix.title}")
        elif fix.applicability is Applicability.UNSAFE:
            lines.append(f"{gutter} {eq} {style('unsafe', '[~] unsafe fix')}: {fix.title}")
        else:
            lines.append(f"{gutter} {eq} suggestion: {fix.title}")
    lines.append(f"{gutter} {eq} {style('dim', 'docs: ' + rule_url(f.code))}")
    return lines


# ---------------------------------------------------------------- summary

def summary(located: Sequence[Located], files_checked: int, style: Style = Style(),
            fixed: int = 0, baselined: int = 0) -> list[str]:
    """Counts per severity and per failure category, the fixes on offer, files checked."""
    lines: list[str] = []
    if located:
        sev = Counter(severity_of(loc.finding) for loc in located)
        parts = [style(s, _plural(sev[s], s)) for s in SEVERITY_ORDER if sev[s]]
        files = len({loc.path for loc in located})
        lines.append(f"Found {_plural(len(located), 'problem')} ({', '.join(parts)}) in {_plural(files, 'file')}.")
        by_code = Counter(loc.finding.code for loc in located)
        one_of = {loc.finding.code: loc for loc in located}  # the category follows from the code
        cats: Counter[str] = Counter()
        for code, n in by_code.items():
            cats[one_of[code].category] += n
        order = sorted(cats, key=lambda c: (c == "+", c))
        lines.append("By failure: " + " · ".join(f"{c} {CATEGORIES.get(c, '')}: {cats[c]}" for c in order))
        safe = sum(1 for loc in located if _safe(loc.finding))
        unsafe = sum(1 for loc in located if _unsafe_only(loc.finding))
        if safe:
            lines.append(f"{style('safe', '[*]')} {safe} fixable with `prodlint check --fix`.")
        if unsafe:
            more = "more " if safe else ""
            lines.append(f"{style('unsafe', '[~]')} {unsafe} {more}fixable with `--fix --unsafe-fixes`, "
                         "or offered as quick fixes in the editor.")
    else:
        lines.append("All checks passed.")
    if baselined:
        lines.append(f"{_plural(baselined, 'finding')} in the baseline not shown.")
    lines.append(f"{_plural(files_checked, 'file')} checked.")
    return lines


def statistics(located: Sequence[Located]) -> list[str]:
    counts = Counter((loc.finding.code, loc.finding.name) for loc in located)
    fixable = Counter(loc.finding.code for loc in located if _safe(loc.finding))
    out = []
    for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        mark = "[*]" if fixable[code] else "   "
        out.append(f"{n:5d}  {code:<8} {mark} {name}")
    return out


def render(located: list[Located], *, files_checked: int = 0, full: bool = True, secrets: dict | None = None,
           color: bool = False, show_statistics: bool = False, quiet: bool = False, baselined: int = 0) -> str:
    style = Style(color)
    lines: list[str] = []
    if show_statistics:
        lines.extend(statistics(located))
    elif full:
        for loc in located:
            lines.extend(full_block(loc, secrets or {}, style))
            lines.append("")
    else:
        lines.extend(concise_line(loc, style) for loc in located)
    if quiet:
        while lines and not lines[-1]:
            lines.pop()
        return "\n".join(lines) + ("\n" if lines else "")
    lines.extend(summary(located, files_checked, style, baselined=baselined))
    return "\n".join(lines) + "\n"
