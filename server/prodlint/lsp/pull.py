"""Pull diagnostics: `textDocument/diagnostic` and `workspace/diagnostic`, answering
"unchanged" when the client already holds the current result (same result id)."""

from __future__ import annotations

from lsprotocol import types as T

from prodlint.lsp.diagnostics import result_id
from prodlint.lsp.server import ProdlintServer, server


def _report(ls: ProdlintServer, uri: str) -> tuple[list[T.Diagnostic], str]:
    od = ls.docs.get(uri)
    if od is not None and od.linted_version != od.version:
        ls.lint(od)
    diagnostics = ls.diagnostics_for(ls.path_of(uri))
    rid = result_id(diagnostics, ls.protocol._converter)
    ls.published[uri], ls.result_ids[uri] = diagnostics, rid
    return diagnostics, rid


@server.feature(T.TEXT_DOCUMENT_DIAGNOSTIC, T.DiagnosticOptions(
    identifier="prodlint", inter_file_dependencies=True, workspace_diagnostics=True))
def document_diagnostic(ls: ProdlintServer, params: T.DocumentDiagnosticParams) -> T.DocumentDiagnosticReport:
    diagnostics, rid = _report(ls, params.text_document.uri)
    if params.previous_result_id == rid:
        return T.RelatedUnchangedDocumentDiagnosticReport(result_id=rid)
    return T.RelatedFullDocumentDiagnosticReport(items=diagnostics, result_id=rid)


@server.feature(T.WORKSPACE_DIAGNOSTIC)
def workspace_diagnostic(ls: ProdlintServer, params: T.WorkspaceDiagnosticParams) -> T.WorkspaceDiagnosticReport:
    from prodlint.lsp.code_actions import uri_of

    previous = {p.uri: p.value for p in params.previous_result_ids}
    uris = set(ls.docs) | {uri_of(p) for p in ls.index.files_with_findings()} | set(previous)
    items: list[T.WorkspaceDocumentDiagnosticReport] = []
    for uri in sorted(uris):
        diagnostics, rid = _report(ls, uri)
        od = ls.docs.get(uri)
        version = od.version if od is not None else None
        if previous.get(uri) == rid:
            items.append(T.WorkspaceUnchangedDocumentDiagnosticReport(uri=uri, version=version, result_id=rid))
        else:
            items.append(T.WorkspaceFullDocumentDiagnosticReport(uri=uri, version=version, items=diagnostics,
                                                                result_id=rid))
    return T.WorkspaceDiagnosticReport(items=items)
