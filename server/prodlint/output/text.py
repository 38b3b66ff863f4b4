"""`path:line:col: CODE name message`, then a summary and a hint for fixable findings."""

from __future__ import annotations

from collections import Counter

from prodlint.api import Applicability
from prodlint.output import Located


def render(located: list[Located], statistics: bool = False, quiet: bool = False) -> str:
    lines = []
    if statistics:
        counts = Counter((loc.finding.code, loc.finding.name) for loc in located)
        fixable = Counter(loc.finding.code for loc in located
                          if any(f.applicability is Applicability.SAFE for f in loc.finding.fixes))
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            mark = "[*]" if fixable[code] else "   "
            lines.append(f"{n:5d}  {code:<8} {mark} {name}")
    else:
        for loc in located:
            f = loc.finding
            mark = " [*]" if any(x.applicability is Applicability.SAFE for x in f.fixes) else ""
            lines.append(f"{loc.path}:{loc.line}:{loc.column}: {f.code}{mark} {f.name} {f.message}")
    if quiet:
        return "\n".join(lines) + ("\n" if lines else "")
    safe = sum(1 for loc in located if any(x.applicability is Applicability.SAFE for x in loc.finding.fixes))
    unsafe = sum(1 for loc in located if not any(x.applicability is Applicability.SAFE for x in loc.finding.fixes)
                 and any(x.applicability is Applicability.UNSAFE for x in loc.finding.fixes))
    if located:
        n = len(located)
        lines.append(f"Found {n} problem{'s' if n != 1 else ''}.")
        if safe:
            lines.append(f"[*] {safe} fixable with `prodlint check --fix`.")
        if unsafe:
            lines.append(f"{unsafe} more fixable with `--unsafe-fixes`, or offered as quick fixes in the editor.")
    else:
        lines.append("All checks passed.")
    return "\n".join(lines) + "\n"
