"""Shared pieces of the language-server tests (no tests here).

The server runs as a real subprocess over stdio. Besides the real rules it loads one fixture
project rule, TST901 (a listening server without a SIGTERM handler), written to a temporary
directory and appended to `prodlint_rules.__path__`, so the cross-file tests do not depend on
how the shipped project rules evolve.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from typing import Any

from lsprotocol import types as T

FIXTURE_RULE = '''"""A test-only project rule: a server that listens with no SIGTERM handler anywhere (read from the
declared `listen` and `signal_handler` facts).

## What it does
Flags `listen()` when no file of the project registers `process.on("SIGTERM")`.
"""
from prodlint.api import JS_LIKE, Rule, Scope, Severity

RULE = Rule(code="TST901", name="test-missing-sigterm", category="7", scope=Scope.PROJECT,
            targets=frozenset(JS_LIKE), severity=Severity.WARNING)


def check_project(project):
    if any(f.value == "SIGTERM" for f in project.facts("signal_handler")):
        return
    for fact in project.facts("listen"):
        yield project.finding(fact, "Server listens but no SIGTERM handler is registered")
'''

CRASHING_RULE = '''"""A test-only file rule that raises on files containing its trigger word.

## What it does
Nothing useful: it proves a rule that raises is reported once and skipped.
"""
from prodlint.api import JS_LIKE, Rule, Scope

RULE = Rule(code="TST902", name="test-crashing-rule", category="+", scope=Scope.FILE,
            targets=frozenset(JS_LIKE))
QUERY = {lang: "((program) @p)" for lang in ("javascript", "typescript", "tsx")}


def check(ctx):
    if "kaboom" in ctx.text:
        raise RuntimeError("kaboom")
    return ()
'''

_RULE_DIR = tempfile.mkdtemp(prefix="prodlint-test-rules-")
for _name, _source in (("test_missing_sigterm.py", FIXTURE_RULE), ("test_crashing_rule.py", CRASHING_RULE)):
    with open(os.path.join(_RULE_DIR, _name), "w", encoding="utf-8") as _fh:
        _fh.write(_source)

_BOOT = (
    "import sys, prodlint_rules; prodlint_rules.__path__.append(sys.argv[1]); "
    "from prodlint.lsp.serve import serve; raise SystemExit(serve(log_level='debug'))"
)
SERVER = [sys.executable, "-c", _BOOT, _RULE_DIR]
URL_JS = 'const API = "http://localhost:3000";\nfetch(API);\n'


def capabilities(editor: str = "visual-studio-code") -> T.ClientCapabilities:
    import pytest_lsp

    return pytest_lsp.client_capabilities(editor)


async def start(client: Any, root: Any, *, editor: str = "visual-studio-code", options: Any = None,
                caps: T.ClientCapabilities | None = None, client_info: bool = False) -> T.InitializeResult:
    """initialize + initialized for a workspace folder `root` (a pathlib.Path)."""
    client.root = root
    return await client.initialize_session(T.InitializeParams(
        capabilities=caps or capabilities(editor), root_uri=root.as_uri(),
        workspace_folders=[T.WorkspaceFolder(root.as_uri(), root.name)],
        initialization_options=options,
        client_info=T.ClientInfo(name="prodlint-tests") if client_info else None))


def open_doc(client: Any, path: Any, text: str, language: str = "javascript", version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(T.DidOpenTextDocumentParams(
        T.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    return uri


def change(client: Any, uri: str, version: int, start: tuple[int, int], end: tuple[int, int], text: str) -> None:
    client.text_document_did_change(T.DidChangeTextDocumentParams(
        T.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [T.TextDocumentContentChangePartial(range=T.Range(T.Position(*start), T.Position(*end)), text=text)]))


def replace_all(client: Any, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(T.DidChangeTextDocumentParams(
        T.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [T.TextDocumentContentChangeWholeDocument(text=text)]))


async def wait_for(predicate: Callable[[], Any], timeout: float = 15.0) -> Any:
    """Poll until `predicate()` is truthy (a safety limit, not a speed assertion)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(0.02)


def codes(client: Any, uri: str) -> list[str]:
    return sorted(str(d.code) for d in client.diagnostics.get(uri, ()))


async def wait_codes(client: Any, uri: str, expected: Sequence[str]) -> Sequence[T.Diagnostic]:
    await wait_for(lambda: uri in client.diagnostics and codes(client, uri) == sorted(expected))
    return client.diagnostics[uri]


def apply_text_edits(text: str, edits: Sequence[T.TextEdit], encoding: str = "utf-16") -> str:
    """Apply LSP edits to a text (positions in `encoding` units), last edit first."""
    lines = text.split("\n")

    def offset(pos: T.Position) -> int:
        before = sum(len(l) + 1 for l in lines[: pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        if encoding == "utf-8":
            return before + len(line.encode("utf-8")[: pos.character].decode("utf-8", "ignore"))
        if encoding == "utf-16":
            units = chars = 0
            for ch in line:
                if units >= pos.character:
                    break
                units += 2 if ord(ch) > 0xFFFF else 1
                chars += 1
            return before + chars
        return before + pos.character

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        a, b = offset(e.range.start), offset(e.range.end)
        text = text[:a] + e.new_text + text[b:]
        lines = text.split("\n")
    return text


def edits_for(edit: T.WorkspaceEdit, uri: str) -> list[T.TextEdit]:
    """The text edits a WorkspaceEdit makes to `uri` (documentChanges preferred, as clients do)."""
    if edit.document_changes:
        out: list[T.TextEdit] = []
        for change in edit.document_changes:
            if isinstance(change, T.TextDocumentEdit) and change.text_document.uri == uri:
                out.extend(e for e in change.edits if isinstance(e, T.TextEdit))
        return out
    return list((edit.changes or {}).get(uri, []))


async def wait_has(client: Any, uri: str, code: str, present: bool = True) -> list[T.Diagnostic]:
    """Wait until `uri`'s diagnostics do (or do not) include `code`; other rules may fire too."""
    await wait_for(lambda: uri in client.diagnostics and (code in codes(client, uri)) == present)
    return [d for d in client.diagnostics[uri] if d.code == code]
