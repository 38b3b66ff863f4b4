"""GitLab Code Quality: a JSON array of issues (description, check_name, fingerprint, severity,
location.path, location.lines.begin), as the `codequality` report artifact expects.

The fingerprint must identify an issue across pipelines so the merge request widget can say
what is new: it is a hash of the rule, the path and the message, never of the line number.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from prodlint.output import Located
from prodlint.output.json import dumps_indented

_SEVERITY = {"error": "critical", "warning": "major", "info": "minor", "hint": "info"}


def render(located: list[Located]) -> str:
    seen: Counter[str] = Counter()
    categories: dict[str, str] = {}  # the category follows from the code: looked up once per code
    issues = []
    for loc in located:
        f = loc.finding
        category = categories.get(f.code)
        if category is None:
            category = categories[f.code] = loc.category
        base = hashlib.sha256(f"{f.code}\0{loc.path}\0{f.message}".encode()).hexdigest()
        seen[base] += 1
        fingerprint = hashlib.sha256(f"{base}\0{seen[base]}".encode()).hexdigest()[:32]
        issues.append({
            "type": "issue",
            "check_name": f.code,
            "description": f"{f.code} {f.name}: {f.message}",
            "categories": ["Security" if category == "1" else "Bug Risk"],
            "severity": _SEVERITY.get(f.severity.value if f.severity else "warning", "major"),
            "fingerprint": fingerprint,
            "location": {"path": loc.path, "lines": {"begin": loc.line, "end": loc.end_line}},
        })
    return dumps_indented(issues) + "\n"
