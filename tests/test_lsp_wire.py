"""The hand-written wire form of diagnostics equals what lsprotocol's converter produces, and the
view key that lets a keystroke reuse unmoved diagnostics ignores byte shifts but not content."""

from __future__ import annotations

from dataclasses import replace

from pygls.protocol import default_converter

from prodlint.api import Applicability, Finding, Fix, Severity, Span, TextEdit
from prodlint.lsp.diagnostics import diagnostic_json, to_diagnostic, view_key
from prodlint.positions import LineIndex

SOURCE = 'const é = "http://localhost:3000";\nfoo();\n'.encode()


def finding(shift: int = 0, message: str = "m") -> Finding:
    start = SOURCE.index(b'"http') + shift
    span = Span(start, start + 23, (0, start), (0, start + 23))
    fix = Fix("Replace", Applicability.UNSAFE, (TextEdit("/p/a.js", start, start + 23, "process.env.API_URL"),
                                                 TextEdit("/p/.env.example", 0, 0, "API_URL=\n", "ensure-lines")))
    return Finding("URL001", "/p/a.js", span, message, (fix,), Severity.WARNING, "hardcoded-localhost-url")


def test_wire_form_equals_the_converter():
    index = LineIndex(SOURCE)
    converter = default_converter()
    for f in (finding(), replace(finding(), fixes=(), severity=None)):
        for encoding in ("utf-8", "utf-16"):
            d = to_diagnostic(f, index, encoding)
            assert diagnostic_json(d) == converter.unstructure(d)


def _on_line_two(source: bytes, message: str = "m") -> Finding:
    start = source.index(b'"http')
    row = source[:start].count(b"\n")
    col = start - (source.rfind(b"\n", 0, start) + 1)
    span = Span(start, start + 23, (row, col), (row, col + 23))
    fix = Fix("Replace", Applicability.UNSAFE, (TextEdit("/p/a.js", start, start + 23, "process.env.API_URL"),
                                                 TextEdit("/p/a.js", 0, 0, "// top\n")))
    return Finding("URL001", "/p/a.js", span, message, (fix,), Severity.WARNING, "hardcoded-localhost-url")


def test_view_key_ignores_an_edit_on_another_line_but_not_content():
    before = b"// a\nconst API = \"http://localhost:3000\";\n"
    after = b"// a longer first line\nconst API = \"http://localhost:3000\";\n"
    a, b = _on_line_two(before), _on_line_two(after)
    assert a.span.start != b.span.start
    key_a = view_key(a, LineIndex(before), "utf-16")
    assert key_a == view_key(b, LineIndex(after), "utf-16")
    assert to_diagnostic(a, LineIndex(before), "utf-16") == to_diagnostic(b, LineIndex(after), "utf-16")
    assert view_key(_on_line_two(before, "other"), LineIndex(before), "utf-16") != key_a
    moved = b"// a\nconst API  = \"http://localhost:3000\";\n"
    assert view_key(_on_line_two(moved), LineIndex(moved), "utf-16") != key_a
