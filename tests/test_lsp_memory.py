"""A long editing session keeps the server's memory bounded: what a keystroke allocates is freed
by the next ones (the soak benchmark, bench/soak.py, measures the RSS; this test names the
objects).

The server runs as `prodlint serve` does, with one extra request, `prodlintTest/live`, that
counts what the session keeps alive: handler futures pygls still files (it used to file one per
notification, for good), live `concurrent.futures`/`asyncio` futures, and live tree-sitter trees
(every tree parsed is tracked by its reference count: trees cannot be weakly referenced). The
counts after a warm-up and after many more edits are compared, so no timing is involved.
"""

from __future__ import annotations

import sys

import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

from test_lsp_support import change, open_doc, start

_BOOT = '''
import asyncio, concurrent.futures, gc, sys
import prodlint.parsing as parsing
from prodlint.lsp.server import server
from prodlint.lsp.serve import serve

trees = []
_parse = parsing.parse
_probe = [_parse("python", b"x = 1")]
ONLY_HERE = [sys.getrefcount(t) for t in _probe][0]  # held by the list alone
del _probe

def _alive():
    trees[:] = [t for t in trees if sys.getrefcount(t) > ONLY_HERE]

def parse(language, source, old_tree=None):
    tree = _parse(language, source, old_tree)
    _alive()
    trees.append(tree)
    return tree

parsing.parse = parse

@server.feature("prodlintTest/live")
def live(ls, params):
    gc.collect()
    _alive()
    futures = sum(isinstance(o, (concurrent.futures.Future, asyncio.Future)) for o in gc.get_objects())
    return {"pending": len(ls.protocol._request_futures), "futures": futures, "trees": len(trees),
            "documents": len(ls.docs)}

raise SystemExit(serve(log_level="info"))
'''
SERVER = [sys.executable, "-c", _BOOT]

JS = "const express = require('express');\nconst app = express();\n\nfunction f() {\n  return 1;\n}\n"
PY = "import os\n\n\ndef f():\n    return os.environ.get('A')\n"
ROUNDS = 150  # edit rounds per measurement (each: an insertion and its removal, in every document)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def _live(client: LanguageClient) -> dict[str, int]:
    result = await client.protocol.send_request_async("prodlintTest/live", {})
    return {k: int(getattr(result, k)) for k in ("pending", "futures", "trees", "documents")}


async def _edit_rounds(client: LanguageClient, docs: dict[str, list[int]], rounds: int, tmp_path) -> None:
    """Insertions and removals in every open document, a code action now and then, and a
    document opened and closed each round (notifications of every kind the editor sends)."""
    for n in range(rounds):
        for uri, version in docs.items():
            version[0] += 1
            change(client, uri, version[0], (3, 0), (3, 0), "// note\n" if uri.endswith(".js") else "# note\n")
            version[0] += 1
            change(client, uri, version[0], (3, 0), (4, 0), "")
        scratch = open_doc(client, tmp_path / f"scratch{n % 3}.js", JS)
        client.text_document_did_close(T.DidCloseTextDocumentParams(T.TextDocumentIdentifier(uri=scratch)))
        if n % 10 == 0:
            uri = next(iter(docs))
            await client.text_document_code_action_async(T.CodeActionParams(
                T.TextDocumentIdentifier(uri=uri), T.Range(T.Position(0, 0), T.Position(5, 0)),
                T.CodeActionContext(diagnostics=[])))
    # messages are handled in order, and with lintDelay 0 an edit is linted and published while
    # it is handled: the answer to the next request comes after all of them


async def test_an_editing_session_keeps_no_futures_or_trees_of_past_edits(client: LanguageClient, tmp_path):
    (tmp_path / "server.js").write_text(JS)
    (tmp_path / "app.py").write_text(PY)
    await start(client, tmp_path, options={"lintDelay": 0})
    docs = {open_doc(client, tmp_path / "server.js", JS): [1],
            open_doc(client, tmp_path / "app.py", PY, language="python"): [1]}
    await _edit_rounds(client, docs, 20, tmp_path)  # warm-up: caches and pools filled once
    before = await _live(client)
    await _edit_rounds(client, docs, ROUNDS, tmp_path)
    after = await _live(client)
    notifications = ROUNDS * (2 * len(docs) + 2)  # didChange ×2 per document, didOpen, didClose
    assert after["documents"] == before["documents"] == len(docs)
    # pygls filed a future for every notification and never dropped it: 900 more here
    assert after["pending"] <= 2, (before, after, notifications)
    assert after["futures"] - before["futures"] <= 5, (before, after, notifications)
    # one tree per open document (the scratch documents are closed), and a few in passing
    assert after["trees"] <= len(docs) + 3, (before, after)
