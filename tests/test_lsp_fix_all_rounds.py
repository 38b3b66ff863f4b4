"""The `prodlint.applyAutofix` command applies the rounds `prodlint check --fix` applies (fixes
whose edits touch the same bytes wait for the next round, linted on the text the client now has),
and says so when there was nothing to apply."""

from __future__ import annotations

import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

from test_lsp_support import SERVER, apply_text_edits, edits_for, open_doc, replace_all, start, wait_for, wait_has


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


# URL002's fix adds `import os` and ERR004's adds `import logging` at the same point: one round
# cannot take both.
SETTINGS = '''"""Settings."""
from os import getenv

API_URL = getenv("API_URL", "http://localhost:8000")


def load():
    try:
        return open("settings.txt").read()
    except Exception:
        pass
'''


def _editor(client: LanguageClient, texts: dict[str, str], versions: dict[str, int], requests: list):
    @client.feature(T.WORKSPACE_APPLY_EDIT)
    def apply_edit(params: T.ApplyWorkspaceEditParams) -> T.ApplyWorkspaceEditResult:
        """What an editor does: apply the edit to its buffer, tell the server, answer."""
        requests.append(params)
        for uri in texts:
            edits = edits_for(params.edit, uri)
            if edits:
                texts[uri] = apply_text_edits(texts[uri], edits)
                versions[uri] += 1
                replace_all(client, uri, versions[uri], texts[uri])
        return T.ApplyWorkspaceEditResult(applied=True)


async def test_fix_all_applies_the_rounds_of_fix(client: LanguageClient, tmp_path):
    texts: dict[str, str] = {}
    versions: dict[str, int] = {}
    requests: list[T.ApplyWorkspaceEditParams] = []
    _editor(client, texts, versions, requests)
    await start(client, tmp_path, options={"unsafeFixes": True})
    uri = open_doc(client, tmp_path / "settings.py", SETTINGS, language="python")
    texts[uri], versions[uri] = SETTINGS, 1
    await wait_has(client, uri, "URL002")
    await wait_has(client, uri, "ERR004")

    applied = await client.workspace_execute_command_async(T.ExecuteCommandParams(
        command="prodlint.applyAutofix", arguments=[uri]))

    assert applied is True
    assert len(requests) == 1  # the server ran both rounds: one edit, one undo step
    assert "import os" in texts[uri] and "import logging" in texts[uri]
    assert 'os.environ["API_URL"]' in texts[uri] and "logging.exception(" in texts[uri]
    compile(texts[uri], "settings.py", "exec")
    await wait_has(client, uri, "URL002", present=False)
    await wait_has(client, uri, "ERR004", present=False)


async def test_fix_all_says_when_nothing_safe_was_applied(client: LanguageClient, tmp_path):
    requests: list[T.ApplyWorkspaceEditParams] = []
    _editor(client, {}, {}, requests)
    await start(client, tmp_path)  # unsafe fixes off: URL001's fix is unsafe
    uri = open_doc(client, tmp_path / "api.js", 'const A = "http://localhost:3000";\nfetch(A);\n')
    await wait_has(client, uri, "URL001")

    applied = await client.workspace_execute_command_async(T.ExecuteCommandParams(
        command="prodlint.applyAutofix", arguments=[uri]))

    assert applied is True and requests == []
    await wait_for(lambda: any("no safe fix to apply" in m.message for m in client.messages))
