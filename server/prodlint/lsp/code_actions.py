"""Fixes → code actions and workspace edits.

A fix's edits are byte offsets (the engine's unit); here they become LSP ranges in the negotiated
encoding, grouped per file into versioned `TextDocumentEdit`s (plus the plain `changes` map, which
clients without `documentChanges` read and the others ignore). An ENSURE_LINES edit (lines that
`.env.example` or `.gitignore` must hold) becomes an insertion at the end of that file, or a
`CreateFile` followed by an insertion when the file does not exist and the client supports it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lsprotocol import types as T

from prodlint.lsp.diagnostics import lsp_range

if TYPE_CHECKING:
    from prodlint.api import Finding, Fix, TextEdit
    from prodlint.positions import LineIndex

FIX_ALL_KIND = "source.fixAll.prodlint"


@dataclass(frozen=True)
class EditCaps:
    document_changes: bool
    create_files: bool


@dataclass(frozen=True)
class FileText:
    """What the server knows of a file's text: an open buffer (with its version) or the disk."""

    source: bytes | None  # None: the file does not exist
    index: LineIndex | None
    version: int | None


def uri_of(path: str) -> str:
    from pygls.uris import from_fs_path

    return from_fs_path(path) or path


def workspace_edit(edits: Iterable[TextEdit], text_of: Callable[[str], FileText], encoding: str,
                   caps: EditCaps) -> T.WorkspaceEdit | None:
    """One WorkspaceEdit for edits that may span several files; None when nothing would change."""
    from prodlint.fixes import ensure_lines
    from prodlint.positions import LineIndex

    by_path: dict[str, list[TextEdit]] = {}
    for e in edits:
        by_path.setdefault(e.path, []).append(e)
    changes: dict[str, list[T.TextEdit]] = {}
    document_changes: list[T.TextDocumentEdit | T.CreateFile] = []
    for path, file_edits in by_path.items():
        current = text_of(path)
        uri = uri_of(path)
        lsp_edits: list[T.TextEdit] = []
        source = current.source if current.source is not None else b""
        index = current.index or LineIndex(source)
        seen: set[tuple[int, int, str]] = set()
        for e in sorted((e for e in file_edits if e.mode != "ensure-lines"), key=lambda e: (e.start, e.end)):
            if (e.start, e.end, e.text) in seen or current.source is None:
                continue
            seen.add((e.start, e.end, e.text))
            lsp_edits.append(T.TextEdit(lsp_range(index, e.start, e.end, encoding), e.text))
        wanted = "".join(e.text for e in file_edits if e.mode == "ensure-lines")
        if wanted:
            after = ensure_lines(source, wanted)
            if after != source:
                if current.source is None or after.startswith(source):
                    added = after[len(source):].decode("utf-8")
                    end = lsp_range(index, len(source), len(source), encoding)
                    lsp_edits.append(T.TextEdit(end, added))
        if not lsp_edits:
            continue
        if current.source is None:
            if not caps.create_files:
                continue  # a client that cannot create files gets the rest of the fix
            document_changes.append(T.CreateFile(uri=uri, options=T.CreateFileOptions(ignore_if_exists=True)))
            document_changes.append(T.TextDocumentEdit(
                T.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None), list(lsp_edits)))
            continue
        changes[uri] = lsp_edits
        document_changes.append(T.TextDocumentEdit(
            T.OptionalVersionedTextDocumentIdentifier(uri=uri, version=current.version), list(lsp_edits)))
    if not document_changes:
        return None
    if caps.document_changes:
        return T.WorkspaceEdit(changes=changes or None, document_changes=document_changes)
    return T.WorkspaceEdit(changes=changes)


def needs_resolve(fix: Fix, path: str) -> bool:
    """Edits to other files read them from disk, and a lazy fix is built by its rule: worth
    deferring to codeAction/resolve."""
    return fix.lazy or any(e.path != path or e.mode != "replace" for e in fix.edits)


def fix_title(finding: Finding, fix: Fix) -> str:
    return f"{fix.title} ({finding.code})"


def disable_line_edit(finding: Finding, source: bytes, index: LineIndex, language: str) -> tuple[int, str] | None:
    """Where and what to insert to silence `finding` on its line: a comment of the file's own
    language on the line above, with the line's indentation. None where a comment cannot go
    (JSON files that real parsers read, the inside of a multi-line string)."""
    from prodlint.languages import JSON, PYTHON, comment_prefix

    if language == JSON:
        return None
    row = finding.span.start_point[0]
    line_start = index.offset_of_point(row, 0)
    line = index.line_bytes(row)
    indent = line[: len(line) - len(line.lstrip(b" \t"))].decode("utf-8", "replace")
    newline = "\r\n" if line.endswith(b"\r") else "\n"
    if language == PYTHON:
        return line_start, f"{indent}# prodlint: ignore[{finding.code}]{newline}"
    return line_start, f"{indent}{comment_prefix(language)} prodlint-ignore {finding.code}{newline}"


def inside_string(tree: object, offset: int) -> bool:
    """Whether `offset` lies inside a string or template spanning lines (a comment there would
    become part of the string)."""
    if tree is None:
        return False
    node = tree.root_node.descendant_for_byte_range(offset, offset)  # type: ignore[attr-defined]
    while node is not None:
        if node.type in ("string", "template_string", "string_content", "string_fragment") and \
                node.start_point[0] != node.end_point[0] and node.start_byte < offset:
            return True
        node = node.parent
    return False


def disk_text(path: str) -> FileText:
    from prodlint.positions import LineIndex

    if not os.path.isfile(path):
        return FileText(None, None, None)
    from prodlint.regular_files import read_regular

    try:
        data = read_regular(path)
    except OSError:
        return FileText(None, None, None)
    return FileText(data, LineIndex(data), None)
