"""One JSON array; each finding with 1-based positions, rule, category and its fixes.

`render` writes the bytes `json.dumps(as_dicts(located), indent=2, ensure_ascii=False)` would:
with `indent` set, `json` falls back to its pure-Python encoder, which cost more than the rest of
the output on tens of thousands of findings. Here each string goes through the C string encoder
and the fixed layout of a finding is written from a template (tests/test_json_output.py holds the
two equal)."""

from __future__ import annotations

import json
from json.encoder import encode_basestring

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
    if not located:
        return "[]\n"
    write = _Writer().finding
    return "[\n" + ",\n".join([write(loc) for loc in located]) + "\n]\n"


# A finding at indent level 1 of the array: its path, positions, rule part (code to severity),
# message, URL, "fixes" list and (when it has some) "related" key are filled in.
_FINDING = ('  {\n    "path": %s,\n    "line": %s,\n    "column": %s,\n    "end_line": %s,\n'
            '    "end_column": %s,\n%s    "message": %s,\n    "url": %s,\n    "fixes": %s%s\n  }')
_RULE_PART = '    "code": %s,\n    "name": %s,\n    "category": %s,\n    "severity": %s,\n'
_FIX = '      {\n        "title": %s,\n        "applicability": %s\n      }'
_RELATED = '      {\n        "path": %s,\n        "line": %s,\n        "column": %s,\n        "message": %s\n      }'


def dumps_indented(value: object) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)` for JSON data (dicts, lists, tuples,
    strings, numbers, booleans, None), written without its pure-Python encoder: for the nested
    documents of the other formats (SARIF, GitLab)."""
    chunks: list[str] = []
    try:
        _encode(value, chunks.append, "\n")
    except _NotData:
        return json.dumps(value, indent=2, ensure_ascii=False)  # json's own error or `default`
    return "".join(chunks)


class _NotData(Exception):
    pass


def _encode(value: object, out, newline: str) -> None:
    """Append `value` as `json` indents it; `newline` ends a line at the current depth. The type
    tests follow `json.encoder`'s order (a bool is an int, so it comes first)."""
    if isinstance(value, str):
        out(encode_basestring(value))
    elif value is None:
        out("null")
    elif value is True:
        out("true")
    elif value is False:
        out("false")
    elif isinstance(value, int):
        out(int.__repr__(value))
    elif isinstance(value, float):
        out(_float(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            out("[]")
            return
        inner = newline + "  "
        out("[")
        separator = inner
        for item in value:
            out(separator)
            separator = "," + inner
            _encode(item, out, inner)
        out(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out("{}")
            return
        inner = newline + "  "
        out("{")
        separator = inner
        for key, item in value.items():
            out(separator + _key(key) + ": ")
            separator = "," + inner
            _encode(item, out, inner)
        out(newline + "}")
    else:
        raise _NotData


def _key(key: object) -> str:
    if isinstance(key, str):
        return encode_basestring(key)
    if isinstance(key, float):
        return encode_basestring(_float(key))
    if key is True or key is False or key is None:
        return encode_basestring(json.dumps(key))
    if isinstance(key, int):
        return encode_basestring(int.__repr__(key))
    raise _NotData


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _int(value: int) -> str:
    """An int as `json` writes it (anything else through `json` itself)."""
    return int.__repr__(value) if type(value) is int else json.dumps(value, ensure_ascii=False)


class _Writer:
    """Encodes what repeats across findings (paths, the rule part, fix titles) once."""

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}
        self._rules: dict[tuple, tuple[str, str]] = {}

    def string(self, text: str) -> str:
        encoded = self._strings.get(text)
        if encoded is None:
            encoded = self._strings[text] = encode_basestring(text)
        return encoded

    def _rule_part(self, loc: Located) -> tuple[str, str]:
        f = loc.finding
        key = (f.code, f.name, f.severity)
        part = self._rules.get(key)
        if part is None:  # the category and URL follow from the code
            severity = f.severity.value if f.severity else "warning"
            part = self._rules[key] = (
                _RULE_PART % (encode_basestring(f.code), encode_basestring(f.name),
                              encode_basestring(loc.category), encode_basestring(severity)),
                encode_basestring(rule_url(f.code)))
        return part

    def finding(self, loc: Located) -> str:
        f = loc.finding
        string = self.string
        rule, url = self._rules.get((f.code, f.name, f.severity)) or self._rule_part(loc)
        if f.fixes:
            fixes = "[\n" + ",\n".join([_FIX % (string(x.title), string(x.applicability.value))
                                        for x in f.fixes]) + "\n    ]"
        else:
            fixes = "[]"
        related = ""
        if f.related:
            related = ',\n    "related": [\n' + ",\n".join([
                _RELATED % (string(path), _int(span.start_point[0] + 1), _int(span.start_point[1] + 1),
                            encode_basestring(message))
                for path, span, message in f.related]) + "\n    ]"
        return _FINDING % (string(loc.path), _int(loc.line), _int(loc.column), _int(loc.end_line),
                           _int(loc.end_column), rule, encode_basestring(f.message), url, fixes, related)
