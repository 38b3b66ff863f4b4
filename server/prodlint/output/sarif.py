"""SARIF 2.1.0, as code-scanning services read it (validated against the OASIS schema in tests)."""

from __future__ import annotations

import os
from urllib.parse import quote

from prodlint import __version__
from prodlint.output import Located, display_bytes, rule_url
from prodlint.output.json import dumps_indented
from prodlint.registry import all_rules

_LEVEL = {"error": "error", "warning": "warning", "info": "note", "hint": "note"}


def render(located: list[Located]) -> str:
    rules = [r.rule for r in all_rules()]
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for loc in located:
        f = loc.finding
        result = {
            "ruleId": f.code,
            "ruleIndex": index.get(f.code, 0),
            "level": _LEVEL.get(f.severity.value if f.severity else "warning", "warning"),
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": quote(display_bytes(f.path)), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": loc.line, "startColumn": loc.column,
                               "endLine": loc.end_line, "endColumn": loc.end_column},
                }
            }],
        }
        if f.fixes:
            result["properties"] = {"fixes": [{"title": x.title, "applicability": x.applicability.value}
                                              for x in f.fixes]}
        if f.related:
            result["relatedLocations"] = [{
                "id": n,
                "physicalLocation": {
                    "artifactLocation": {"uri": quote(display_bytes(path)), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": span.start_point[0] + 1, "startColumn": span.start_point[1] + 1},
                },
                "message": {"text": message},
            } for n, (path, span, message) in enumerate(f.related)]
        results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "prodlint",
                "version": __version__,
                "informationUri": "https://github.com/prodlint/prodlint",
                "rules": [{
                    "id": r.code,
                    "name": r.name,
                    "shortDescription": {"text": r.summary or r.name},
                    "fullDescription": {"text": r.summary or r.name},
                    "helpUri": rule_url(r.code),
                    "help": {"text": r.doc or r.summary or r.name, "markdown": r.doc or r.summary or r.name},
                    "defaultConfiguration": {"level": _LEVEL[r.severity.value]},
                    "properties": {"category": r.category, "scope": r.scope.value},
                } for r in rules],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": "file://" + quote(os.fsencode(os.getcwd()).rstrip(b"/")) + "/"}},
            "results": results,
        }],
    }
    return dumps_indented(doc) + "\n"
