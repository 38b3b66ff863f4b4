"""Code actions: a quick fix per fix, "Disable CODE for this line", fix-all, and the
`prodlint.applyAutofix` command.

Actions are built from the findings the server already holds for the document's current version
(the same findings whose fixes ride in `Diagnostic.data`), so no re-lint is needed. Edits that
read other files from disk (`.env.example`, `.gitignore`) and fix-all are deferred to
`codeAction/resolve` when the client supports it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from lsprotocol import types as T

from prodlint.lsp.code_actions import (
    FIX_ALL_KIND, EditCaps, FileText, disable_line_edit, disk_text, fix_title, inside_string,
    needs_resolve, workspace_edit,
)
from prodlint.lsp.server import ProdlintServer, server

if TYPE_CHECKING:
    from prodlint.api import Finding, Fix, TextEdit
    from prodlint.lsp.documents import OpenDocument

log = logging.getLogger("prodlint.lsp")
APPLY_AUTOFIX = "prodlint.applyAutofix"


def edit_caps(ls: ProdlintServer) -> EditCaps:
    ws = ls.client_capabilities.workspace
    we = ws.workspace_edit if ws else None
    ops = [str(getattr(o, "value", o)) for o in (we.resource_operations or ())] if we else []
    document_changes = bool(we and (we.document_changes or "create" in ops))
    return EditCaps(document_changes=document_changes, create_files=document_changes and "create" in ops)


def can_resolve(ls: ProdlintServer) -> bool:
    td = ls.client_capabilities.text_document
    ca = td.code_action if td else None
    return bool(ca and ca.data_support and ca.resolve_support and "edit" in (ca.resolve_support.properties or ()))


def text_of(ls: ProdlintServer, path: str) -> FileText:
    od = ls.doc_at(path)
    if od is not None:
        return FileText(od.doc.source, od.doc.index, od.version)
    return disk_text(path)


def current_findings(ls: ProdlintServer, od: OpenDocument) -> list[Finding]:
    from prodlint.engine import finalize

    if od.skipped is not None or not ls.settings.enable:
        return []
    if od.linted_version != od.version:
        ls.lint(od)
    sups = {od.path: od.suppressions} if od.suppressions is not None else {}
    found = finalize(od.raw, ls.config_for(od.path), sups) + ls.project_of(od)
    return list(dict.fromkeys(found))


def _overlaps(f: Finding, start: int, end: int) -> bool:
    return f.span.start <= end and f.span.end >= start


def _edit(ls: ProdlintServer, edits: list[TextEdit]) -> T.WorkspaceEdit | None:
    if not all(_may_write(ls, path) for path in {e.path for e in edits}):
        return None  # the client would apply it itself: never offer it
    return workspace_edit(edits, lambda p: text_of(ls, p), ls.encoding, edit_caps(ls))


def _may_write(ls: ProdlintServer, path: str) -> bool:
    """A fix edits only files inside a workspace folder (any, when none is open), never through
    a symbolic link or a linked folder that leaves it."""
    import os

    from prodlint.write_guard import refusal

    folder = ls.folder_of(os.path.abspath(path))
    if folder is None and ls.index.folders:
        reason: str | None = "outside the workspace folders"
    else:
        reason = refusal(path, folder)
    if reason is not None:
        log.info("no edit offered for %s: it is %s", path, reason)
    return reason is None


def _wanted(only: list[str] | None, kind: str) -> bool:
    return only is None or any(kind == k or kind.startswith(k + ".") for k in only)


@server.feature(T.TEXT_DOCUMENT_CODE_ACTION, T.CodeActionOptions(
    code_action_kinds=[T.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=True))
def code_action(ls: ProdlintServer, params: T.CodeActionParams) -> list[T.CodeAction] | None:
    od = ls.docs.get(params.text_document.uri)
    if od is None:
        return None
    only = [str(k) for k in params.context.only] if params.context.only else None
    index = od.doc.index
    start = index.offset(params.range.start.line, params.range.start.character, ls.encoding)
    end = index.offset(params.range.end.line, params.range.end.character, ls.encoding)
    codes = {str(d.code) for d in params.context.diagnostics if d.code is not None and d.source in (None, "prodlint")}
    findings = current_findings(ls, od)
    lazy = can_resolve(ls)
    actions: list[T.CodeAction] = []
    if _wanted(only, T.CodeActionKind.QuickFix):
        hits = [f for f in findings if f.path == od.path and _overlaps(f, start, end)
                and (not codes or f.code in codes)]
        for f in hits:
            for n, fix in enumerate(f.fixes):
                action = _fix_action(ls, od, f, n, fix, lazy)
                if action is not None:
                    actions.append(action)
        seen: set[tuple[str, int]] = set()
        for f in hits:
            key = (f.code, f.span.start_point[0])
            if key not in seen:
                seen.add(key)
                action = _disable_action(ls, od, f)
                if action is not None:
                    actions.append(action)
    if _wanted(only, FIX_ALL_KIND):
        from prodlint.lsp.fix_rounds import fix_all_action

        action = fix_all_action(ls, od, findings, lazy, asked=only is not None)
        if action is not None:
            actions.append(action)
    return actions


def _diagnostic(ls: ProdlintServer, od: OpenDocument, f: Finding) -> T.Diagnostic:
    from prodlint.lsp.diagnostics import to_diagnostic

    return to_diagnostic(f, od.doc.index, ls.encoding)


def _fix_action(ls: ProdlintServer, od: OpenDocument, f: Finding, n: int, fix: Fix, lazy: bool) -> T.CodeAction | None:
    from prodlint.api import Applicability

    if fix.applicability is Applicability.DISPLAY:
        return None
    action = T.CodeAction(title=fix_title(f, fix), kind=T.CodeActionKind.QuickFix,
                          diagnostics=[_diagnostic(ls, od, f)],
                          is_preferred=fix.applicability is Applicability.SAFE)
    if lazy and needs_resolve(fix, od.path):
        if not fix.lazy and not _reachable(ls, fix):
            return None
        action.data = {"uri": od.uri, "version": od.version, "code": f.code, "start": f.span.start, "fix": n}
        return action
    if fix.lazy:
        fix = _built(ls, f, fix)
        if fix is None:
            return None
    action.edit = _edit(ls, list(fix.edits))
    return action if action.edit is not None else None


def read_current(ls: ProdlintServer):
    """A reader of files as the editor has them: the open buffer, else the disk."""
    from prodlint.lazy_fixes import read_disk

    def read(path: str) -> bytes | None:
        od = ls.doc_at(path)
        return od.doc.source if od is not None else read_disk(path)

    return read


def _built(ls: ProdlintServer, f: Finding, fix: Fix) -> Fix | None:
    """A lazy fix built by its rule from the current text (None when the rule no longer offers it)."""
    from prodlint.lazy_fixes import resolve as resolve_lazy

    if not fix.lazy:
        return fix
    return next((x for x in resolve_lazy(f, read_current(ls)).fixes if x.title == fix.title), None)


def _reachable(ls: ProdlintServer, fix: Fix) -> bool:
    """Whether resolving the fix can give an edit: some file it edits exists, or the client can
    create files (a lazy action must not resolve to nothing)."""
    import os

    return edit_caps(ls).create_files or any(
        ls.doc_at(e.path) is not None or os.path.isfile(e.path) for e in fix.edits)


def _disable_action(ls: ProdlintServer, od: OpenDocument, f: Finding) -> T.CodeAction | None:
    from prodlint.api import TextEdit

    if od.language is None:
        return None
    where = disable_line_edit(f, od.doc.source, od.doc.index, od.language)
    if where is None or inside_string(od.doc.tree, where[0]):
        return None
    offset, text = where
    edit = _edit(ls, [TextEdit(od.path, offset, offset, text)])
    return T.CodeAction(title=f"Disable {f.code} for this line", kind=T.CodeActionKind.QuickFix,
                        diagnostics=[_diagnostic(ls, od, f)], edit=edit)


def fix_all_edit(ls: ProdlintServer, od: OpenDocument) -> T.WorkspaceEdit | None:
    """All safe fixes of the document (unsafe ones too with `unsafeFixes`), in the rounds of
    `prodlint check --fix`, as one edit (see `prodlint.lsp.fix_rounds`)."""
    from prodlint.lsp.fix_rounds import combined_edit

    return combined_edit(ls, od)


@server.feature(T.CODE_ACTION_RESOLVE)
def resolve(ls: ProdlintServer, action: T.CodeAction) -> T.CodeAction:
    data: Any = action.data
    if not isinstance(data, dict) or action.edit is not None:
        return action
    od = ls.docs.get(data.get("uri", ""))
    if od is None or od.version != data.get("version"):
        log.info("code action for a document that changed or closed: %s", action.title)
        return action
    if data.get("fixAll"):
        action.edit = fix_all_edit(ls, od)
        return action
    for f in current_findings(ls, od):
        if f.code == data.get("code") and f.span.start == data.get("start"):
            n = data.get("fix", 0)
            if isinstance(n, int) and 0 <= n < len(f.fixes):
                fix = _built(ls, f, f.fixes[n])
                if fix is not None:
                    action.edit = _edit(ls, list(fix.edits))
            break
    return action


@server.command(APPLY_AUTOFIX)
async def apply_autofix(ls: ProdlintServer, *args: Any) -> bool:
    """Apply fix-all to a document (argument: its URI, or {"uri": ...}); for key bindings."""
    uri = args[0] if args else None
    if isinstance(uri, dict):
        uri = uri.get("uri") or uri.get("external")
    od = ls.docs.get(uri) if isinstance(uri, str) else None
    if od is None:
        return False
    # fix_all_edit runs the rounds of `prodlint check --fix` itself; a further round here lints
    # the text the client now has (a client that changed what it applied).
    from prodlint.cli import MAX_FIX_ROUNDS

    rounds = 0
    for _ in range(MAX_FIX_ROUNDS):
        edit = fix_all_edit(ls, od)
        if edit is None:
            break
        version = od.version
        result = await ls.workspace_apply_edit_async(T.ApplyWorkspaceEditParams(edit=edit, label="prodlint: fix all"))
        if not (result and result.applied):
            return rounds > 0
        rounds += 1
        od = ls.docs.get(uri)
        if od is None or od.version == version:
            break  # the client has not told us about its new text: do not guess
    if rounds == 0:
        kind = "safe or unsafe" if ls.settings.unsafe_fixes else "safe"
        ls.window_show_message(T.ShowMessageParams(
            type=T.MessageType.Info, message=f"prodlint: no {kind} fix to apply in this file"))
    return True
