"""One JSON array; each finding with 1-based positions, rule, category and its fixes."""

from __future__ import annotations

import json

from prodlint.output import Located, rule_url


def as_dicts(located: list[Located]) -> list[dict]:
    out = []
    for loc in located:
        f = loc.finding
        out.append({
            "path": loc.path,
            "line": loc.line,
            "column": loc.column,
            "end_line": loc.end_line,
            "end_column": loc.end_column,
            "code": f.code,
            "name": f.name,
            "category": loc.category,
            "severity": f.severity.value if f.severity else "warning",
            "message": f.message,
            "url": rule_url(f.code),
            "fixes": [{"title": x.title, "applicability": x.applicability.value} for x in f.fixes],
            **({"related": [{"path": path, "line": span.start_point[0] + 1, "column": span.start_point[1] + 1,
                             "message": message} for path, span, message in f.related]} if f.related else {}),
        })
    return out


def render(located: list[Located]) -> str:
    return json.dumps(as_dicts(located), indent=2, ensure_ascii=False) + "\n"
