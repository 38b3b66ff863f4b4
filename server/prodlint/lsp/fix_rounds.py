"""Fix-all as `prodlint check --fix` does it: rounds on a scratch copy of the texts.

A code action carries one WorkspaceEdit, so the rounds run here, before anything is sent: each
round lints the scratch text of the document (and re-runs its project's rules on the scratch
facts), plans the fixes of the document's findings as `--fix` plans them (fixes whose edits
touch the same bytes wait for the next round) and applies them to the scratch texts. The
result is one edit per changed file from the text the editor has to the text the rounds reached.
"""

from __future__ import annotations

import difflib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lsprotocol import types as T

    from prodlint.api import Finding, TextEdit
    from prodlint.index import IndexedFile
    from prodlint.lsp.documents import OpenDocument
    from prodlint.lsp.server import ProdlintServer

log = logging.getLogger("prodlint.lsp")
Reader = Callable[[str], "bytes | None"]


@dataclass
class Scratch:
    """The texts the rounds edit: the editor's text of each file when first read (None: the
    file does not exist), and the current scratch text of each file a round changed."""

    original: dict[str, bytes | None] = field(default_factory=dict)
    current: dict[str, bytes] = field(default_factory=dict)

    def read(self, path: str, base: Reader) -> bytes | None:
        if path in self.current:
            return self.current[path]
        if path not in self.original:
            self.original[path] = base(path)
        return self.original[path]

    def changed(self) -> dict[str, bytes]:
        return {p: text for p, text in self.current.items() if text != self.original.get(p)}


def fixed_texts(ls: ProdlintServer, od: OpenDocument) -> Scratch:
    """Run the rounds of `--fix` for the document's findings on scratch texts."""
    from prodlint.cli import MAX_FIX_ROUNDS
    from prodlint.fixes import apply_edits, plan
    from prodlint.lsp.actions import read_current

    scratch = Scratch()
    base = read_current(ls)

    def read(path: str) -> bytes | None:
        return scratch.read(path, base)

    for n in range(MAX_FIX_ROUNDS):
        findings = _scratch_findings(ls, od, scratch, read)
        chosen, per_file = plan(findings, ls.settings.unsafe_fixes, read)
        if not chosen:
            break
        progressed = False
        for path, edits in per_file.items():
            before = read(path)
            try:
                after = apply_edits(before or b"", edits)
            except ValueError as exc:  # planned edits never overlap; a rule's bad offsets might
                log.warning("fix-all round %d: not applying the edits of %s: %s", n + 1, path, exc)
                continue
            if after != (before or b""):
                scratch.current[path] = after
                progressed = True
        if not progressed:
            break
    return scratch


def _scratch_findings(ls: ProdlintServer, od: OpenDocument, scratch: Scratch, read: Reader) -> list[Finding]:
    """The document's findings on the scratch texts: its file findings and the project findings
    anchored in it, from its project's facts with every scratch file laid over them."""
    from prodlint.index import IndexedFile, ProjectIndex
    from prodlint.project import lint_file

    source = read(od.path)
    if source is None:
        return []
    result = lint_file(od.path, od.root, ls.overrides, source=source)
    if result.skipped is not None:
        log.info("fix-all: not linting %s: %s", od.path, result.skipped)
        return []
    index = ProjectIndex(ls.config_for)
    files = index.project(od.root).disk
    files.update(_project_files(ls, od.root))
    files[od.path] = IndexedFile(result.facts, result.suppressions, result.content_hash)
    for path, text in scratch.current.items():
        if path == od.path or not _in_root(path, od.root):
            continue
        other = lint_file(path, od.root, ls.overrides, with_findings=False, source=text)
        if other.skipped is None:
            files[path] = IndexedFile(other.facts, other.suppressions, other.content_hash)
        else:
            files.pop(path, None)
    errors: list[str] = []
    index.recompute(od.root, ls.engine, errors)
    for error in errors:
        log.error("fix-all: %s", error)
    found = list(result.findings) + index.project_findings(od.path)
    return list(dict.fromkeys(f for f in found if f.path == od.path))


def _project_files(ls: ProdlintServer, root: str) -> dict[str, IndexedFile]:
    """The facts of the project's files as the server knows them; a project inside a workspace
    folder whose scan has not reached it yet is read from disk, as `--fix` would read it."""
    import threading

    from prodlint.lsp.workspace_index import scan_folder

    known = ls.index.projects.get(root)
    if known is not None:
        return known.files()
    if ls.folder_of(root) is None:
        return {}
    return scan_folder(root, ls.overrides, threading.Event()).get(root, {})


def _in_root(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def line_edits(path: str, before: bytes, after: bytes) -> list[TextEdit]:
    """Byte-offset edits from `before` to `after`, one per run of changed lines, so the editor
    keeps its cursor and folds where the text did not change."""
    from prodlint.api import TextEdit

    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    starts = [0]
    for line in old:
        starts.append(starts[-1] + len(line))
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            text = b"".join(new[j1:j2]).decode("utf-8", "surrogatepass")
            out.append(TextEdit(path, starts[i1], starts[i2], text))
    return out


def combined_edit(ls: ProdlintServer, od: OpenDocument) -> T.WorkspaceEdit | None:
    """One WorkspaceEdit from the texts the editor has to the texts the rounds reached: versioned
    edits of existing files, and (when the client can create files) the files the rounds created.
    None when the rounds changed nothing, or when any file they changed may not be written."""
    from lsprotocol import types as T

    from prodlint.lsp.actions import _may_write, edit_caps, text_of
    from prodlint.lsp.code_actions import uri_of, workspace_edit

    if od.skipped is not None or not ls.settings.enable:
        return None
    scratch = fixed_texts(ls, od)
    changed = scratch.changed()
    if not changed:
        log.info("fix-all: no fix could be applied to %s", od.path)
        return None
    if not all(_may_write(ls, path) for path in changed):
        return None  # _may_write logged which file, and why
    edits = [e for path, text in sorted(changed.items()) if scratch.original.get(path) is not None
             for e in line_edits(path, scratch.original[path] or b"", text)]
    caps = edit_caps(ls)
    edit = workspace_edit(edits, lambda p: text_of(ls, p), ls.encoding, caps) if edits else None
    created = sorted(p for p in changed if scratch.original.get(p) is None)
    if not created or not caps.create_files:
        return edit
    zero = T.Range(T.Position(0, 0), T.Position(0, 0))
    document_changes = list(edit.document_changes or []) if edit is not None else []
    for path in created:
        uri = uri_of(path)
        document_changes.append(T.CreateFile(uri=uri, options=T.CreateFileOptions(ignore_if_exists=True)))
        document_changes.append(T.TextDocumentEdit(
            T.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None),
            [T.TextEdit(zero, changed[path].decode("utf-8", "surrogatepass"))]))
    return T.WorkspaceEdit(changes=edit.changes if edit is not None else None, document_changes=document_changes)


FIX_ALL_TITLE = "Fix all auto-fixable prodlint problems"


def fix_all_action(ls: ProdlintServer, od: OpenDocument, findings: list[Finding], lazy: bool,
                   asked: bool) -> T.CodeAction | None:
    """The fix-all action of a document. With nothing it could apply, a client that asked for it
    by kind (`asked`: a "source action" menu, a key binding) and shows disabled actions gets one
    that says why; otherwise none is offered (the lightbulb stays quiet)."""
    from lsprotocol import types as T

    from prodlint.fixes import first_applicable
    from prodlint.lsp.code_actions import FIX_ALL_KIND

    mine = [f for f in findings if f.path == od.path]
    if any(first_applicable(f, ls.settings.unsafe_fixes) is not None for f in mine):
        action = T.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL_KIND,
                              data={"uri": od.uri, "version": od.version, "fixAll": True})
        if lazy:
            return action
        action.edit, action.data = combined_edit(ls, od), None
        if action.edit is not None:
            return action
    if not (asked and _shows_disabled(ls) and any(f.fixes for f in mine)):
        return None
    return T.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL_KIND,
                        disabled=T.CodeActionDisabled(reason=nothing_applied_reason(ls, mine)))


def nothing_applied_reason(ls: ProdlintServer, findings: list[Finding]) -> str:
    """Why fix-all has nothing to apply: unsafe fixes left off, or no fix that can be applied."""
    from prodlint.api import Applicability

    unsafe = sum(1 for f in findings if not any(x.applicability is Applicability.SAFE for x in f.fixes)
                 and any(x.applicability is Applicability.UNSAFE for x in f.fixes))
    if unsafe and not ls.settings.unsafe_fixes:
        return (f"No safe fix to apply: {unsafe} problem{'s have' if unsafe != 1 else ' has'} only unsafe "
                "fixes (quick fixes, or the prodlint.unsafeFixes setting)")
    return "No fix prodlint can apply automatically in this file"


def _shows_disabled(ls: ProdlintServer) -> bool:
    td = ls.client_capabilities.text_document
    ca = td.code_action if td else None
    return bool(ca and ca.disabled_support)
