"""Full-text sync (clients that send the whole text on every change) gives the diagnostics that
range edits give: the server diffs the new text against the old and edits incrementally."""

from __future__ import annotations

import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

from test_lsp_support import SERVER, change, open_doc, replace_all, start, wait_codes

START = 'const label = "café";\n\nfunction load() {\n  return 1;\n}\n'

#: (range edit as (start, end, text), codes expected after it); applied in order
STEPS = [
    (((1, 0), (1, 0), 'const API = "http://localhost:4000/v1";'), ["URL001"]),
    (((3, 9), (3, 10), 'fetch("http://127.0.0.1:5000/api")'), ["URL001", "URL001"]),
    (((0, 18), (0, 19), "è"), ["URL001", "URL001"]),  # a multi-byte character changed in place
    (((1, 0), (1, 0), "// prodlint-ignore URL001\n"), ["URL001"]),
    (((2, 12), (2, 38), '"ok"'), ["URL001"]),
    (((4, 9), (4, 43), "2"), []),
    (((0, 0), (0, 0), 'const B = "http://localhost:9";\n'), ["URL001"]),
]


def _apply(text: str, start: tuple[int, int], end: tuple[int, int], new: str) -> str:
    lines = text.split("\n")

    def offset(pos: tuple[int, int]) -> int:
        return sum(len(line) + 1 for line in lines[: pos[0]]) + pos[1]

    return text[: offset(start)] + new + text[offset(end):]


def _view(client: LanguageClient, uri: str) -> list[tuple[T.Range, str, str]]:
    return sorted(((d.range, str(d.code), d.message) for d in client.diagnostics[uri]),
                  key=lambda v: (v[0].start.line, v[0].start.character, v[1]))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def test_full_text_changes_give_the_diagnostics_of_range_edits(client: LanguageClient, tmp_path):
    await start(client, tmp_path, options={"lintDelay": 0})
    ranged = open_doc(client, tmp_path / "ranged.js", START)
    whole = open_doc(client, tmp_path / "whole.js", START)
    await wait_codes(client, ranged, [])
    await wait_codes(client, whole, [])
    text = START
    for version, ((start_pos, end_pos, new), expected) in enumerate(STEPS, start=2):
        text = _apply(text, start_pos, end_pos, new)
        change(client, ranged, version, start_pos, end_pos, new)
        replace_all(client, whole, version, text)
        await wait_codes(client, ranged, expected)
        await wait_codes(client, whole, expected)
        assert _view(client, whole) == _view(client, ranged), f"after step {version - 1}: {new!r}"
    fresh = open_doc(client, tmp_path / "fresh.js", text)
    await wait_codes(client, fresh, STEPS[-1][1])
    assert _view(client, fresh) == _view(client, whole)
