"""Hover on a diagnostic's range: the rule's own documentation (what, why, how to fix)."""

from __future__ import annotations

from lsprotocol import types as T

from prodlint.lsp.server import ProdlintServer, server


@server.feature(T.TEXT_DOCUMENT_HOVER)
def hover(ls: ProdlintServer, params: T.HoverParams) -> T.Hover | None:
    from prodlint.lsp.actions import current_findings
    from prodlint.lsp.diagnostics import lsp_range
    from prodlint.output import rule_url
    from prodlint.registry import find_rule

    od = ls.docs.get(params.text_document.uri)
    if od is None:
        return None
    offset = od.doc.index.offset(params.position.line, params.position.character, ls.encoding)
    hits = [f for f in current_findings(ls, od)
            if f.path == od.path and f.span.start <= offset <= f.span.end]
    if not hits:
        return None
    sections = []
    for code in dict.fromkeys(f.code for f in hits):
        loaded = find_rule(code)
        if loaded is None:
            continue
        rule = loaded.rule
        sections.append(f"### {rule.code} {rule.name}\n\n{rule.doc}\n\n[Rule documentation]({rule_url(rule.code)})")
    if not sections:
        return None
    markdown = _supports_markdown(ls)
    text = "\n\n---\n\n".join(sections)
    first = hits[0]
    return T.Hover(
        contents=T.MarkupContent(kind=T.MarkupKind.Markdown if markdown else T.MarkupKind.PlainText, value=text),
        range=lsp_range(od.doc.index, first.span.start, first.span.end, ls.encoding))


def _supports_markdown(ls: ProdlintServer) -> bool:
    td = ls.client_capabilities.text_document
    formats = td.hover.content_format if td and td.hover else None
    return formats is None or T.MarkupKind.Markdown in formats
