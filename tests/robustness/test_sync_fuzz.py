"""Random edit scripts through the server's own sync path (`didOpen`/`didChange` handlers, the
debounced lint and the settle), in batches of several changes, with multi-byte text, CRLF, lone
CR, U+2028 and a BOM: the buffer, the tree and the diagnostics must equal those of a fresh server
opened on the final text, and what `prodlint check` reports for that text on disk."""

from __future__ import annotations

import asyncio
import os
import re
import tempfile

from hypothesis import HealthCheck, given, settings, strategies as st
from lsprotocol import types as T

from raw_client import LIMIT, LONG, RawClient, open_params

SEED = ('const API = "http://localhost:3000";\r\nfunction f(a) {\n\ttry { g(`${API}/😀`); } catch (e) {}\n}\n'
        "// 中文\rtry {} catch (err) {}\n")
SNIPPETS = ["", "a", "{", "}", "(", ")", "\n", "\r\n", "\r", "\u2028", "\ufeff", "é", "😀", "中文", "\t",
            "try {} catch (e) {}\n", "} catch (x) {}", "// c\r", '"', "`", "${", "fetch(API);\r\n"]


def _lines(text: str) -> list[str]:
    return re.split("\r\n|\r|\n", text)


def position(text: str, index: int) -> T.Position:
    """The LSP position (code points: utf-32 is negotiated) of a character index, computed
    without prodlint's LineIndex."""
    lines = _lines(text[:index])
    return T.Position(line=len(lines) - 1, character=len(lines[-1]))


def outside_crlf(text: str, index: int) -> int:
    return index - 1 if 0 < index < len(text) and text[index - 1:index + 1] == "\r\n" else index


change = st.tuples(st.floats(0, 1), st.integers(0, 8), st.sampled_from(SNIPPETS))
script = st.lists(st.lists(change, min_size=1, max_size=4), min_size=1, max_size=12)


def _server():
    from prodlint.lsp.server import ProdlintServer

    ls = ProdlintServer()
    ls.encoding = "utf-32"
    return ls


def _view(diagnostics: list[T.Diagnostic]) -> list[tuple]:
    return sorted((d.code, d.range.start.line, d.range.start.character, d.range.end.line,
                   d.range.end.character, d.message, repr(d.data)) for d in diagnostics)


def run_script(path: str, batches: list[list[tuple[float, int, str]]]) -> tuple[str, object, object]:
    """Apply the script through the handlers; (final text, the edited server's document, its
    settled diagnostics)."""
    from prodlint.lsp import features

    async def go() -> tuple[str, object, object]:
        ls = _server()
        uri = "file://" + path
        text = SEED
        features.did_open(ls, T.DidOpenTextDocumentParams(T.TextDocumentItem(uri, "javascript", 1, text)))
        for version, batch in enumerate(batches, start=2):
            changes = []
            for where, length, insert in batch:
                start = outside_crlf(text, int(where * len(text)))
                end = outside_crlf(text, min(len(text), start + length))
                changes.append(T.TextDocumentContentChangePartial(
                    range=T.Range(position(text, start), position(text, end)), text=insert))
                text = text[:start] + insert + text[end:]
            features.did_change(ls, T.DidChangeTextDocumentParams(
                T.VersionedTextDocumentIdentifier(uri=uri, version=version), changes))
            if version % 3 == 0:
                ls.lint_now(uri)  # a debounced lint between edits, as typing pauses
        ls.lint_now(uri)
        ls.settle(uri)
        for timers in (ls._timers, ls._settle):
            for handle in timers.values():
                handle.cancel()
        od = ls.docs[uri]
        return text, od, ls.diagnostics_for(od.path)

    return asyncio.run(go())


def fresh(path: str, text: str) -> tuple[object, object]:
    from prodlint.lsp import features

    async def go() -> tuple[object, object]:
        ls = _server()
        uri = "file://" + path
        features.did_open(ls, T.DidOpenTextDocumentParams(T.TextDocumentItem(uri, "javascript", 1, text)))
        for timers in (ls._timers, ls._settle):
            for handle in timers.values():
                handle.cancel()
        od = ls.docs[uri]
        return od, ls.diagnostics_for(od.path)

    return asyncio.run(go())


def cli_view(path: str, text: str) -> list[tuple]:
    """(code, line, column) of the file findings `prodlint check` prints for the text on disk."""
    from prodlint.output import locate
    from prodlint.project import Overrides, run
    from prodlint.registry import find_rule

    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    report = run([path], Overrides(), jobs=1)
    out = []
    for finding in report.findings:
        loaded = find_rule(finding.code)
        if finding.path == path and loaded is not None and loaded.rule.scope.value == "file":
            loc = locate(finding)
            out.append((finding.code, loc.line - 1, loc.column - 1))
    return sorted(out)


@settings(max_examples=300 if LONG else 30, deadline=None, derandomize=not LONG,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(batches=script)
def test_edits_through_the_server_equal_a_fresh_open_and_the_cli(batches):
    from prodlint.registry import find_rule

    folder = tempfile.mkdtemp(prefix="prodlint-sync-")
    path = os.path.join(folder, "app.js")
    text, od, diagnostics = run_script(path, batches)
    assert od.doc.source == text.encode("utf-8", "surrogatepass")
    fresh_od, fresh_diagnostics = fresh(path, text)
    assert _view(diagnostics) == _view(fresh_diagnostics)
    if od.doc.tree is not None and not fresh_od.doc.tree.root_node.has_error:
        assert str(od.doc.tree.root_node) == str(fresh_od.doc.tree.root_node)
    server_file = sorted((d.code, d.range.start.line, d.range.start.character) for d in diagnostics
                         if (loaded := find_rule(str(d.code))) is not None and loaded.rule.scope.value == "file")
    assert server_file == cli_view(path, text)


def test_a_lone_carriage_return_is_a_line_break_for_diagnostics(tmp_path):
    """The issue's repro: ERR004 after "// a\\r" is on line 1, where the editor shows it."""
    path = str(tmp_path / "a.js")
    _, diagnostics = fresh(path, "// a\rtry {} catch (e) {}\n")
    assert [(d.code, d.range.start.line) for d in diagnostics] == [("ERR004", 1)]
    text, od, edited = run_script(path, [[(0.0, 0, "x\r")]])  # and after an edit near lone CRs
    assert [(d.code, d.range.start.line) for d in edited if d.code == "ERR004"] == [
        ("ERR004", 3), ("ERR004", 6)]


async def test_a_lone_carriage_return_over_stdio(tmp_path):
    client = await RawClient.start()
    try:
        await client.initialize(tmp_path)
        uri = (tmp_path / "a.js").as_uri()
        client.notify("textDocument/didOpen", open_params(uri, "// a\rtry {} catch (e) {}\n"))
        published = await client.diagnostics(uri, 1, timeout=LIMIT)
        assert [(d["code"], d["range"]["start"]["line"]) for d in published["diagnostics"]] == [("ERR004", 1)]
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "\r"}]})
        published = await client.diagnostics(uri, 2, timeout=LIMIT)
        assert [(d["code"], d["range"]["start"]["line"]) for d in published["diagnostics"]] == [("ERR004", 2)]
    finally:
        await client.stop()
