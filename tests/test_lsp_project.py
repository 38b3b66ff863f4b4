"""Project awareness: the background index, findings in files that are not open, a finding in
one file settled by an edit in another, watched files, pull diagnostics, settings."""

from __future__ import annotations

import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

from test_lsp_support import (
    SERVER, URL_JS, capabilities, change, codes, open_doc, start, wait_codes, wait_for, wait_has,
)

SERVER_JS = 'const express = require("express");\nconst app = express();\napp.listen(3000);\n'
SIGTERM = 'process.on("SIGTERM", () => process.exit(0));\n'


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


def project(tmp_path):
    (tmp_path / "package.json").write_text('{"name": "app", "dependencies": {"express": "^4.19.0"}}\n')
    (tmp_path / "server.js").write_text(SERVER_JS)
    return (tmp_path / "server.js").as_uri()


async def test_index_reports_progress_and_publishes_for_closed_files(client: LanguageClient, tmp_path):
    server_uri = project(tmp_path)
    await start(client, tmp_path)
    (diag,) = await wait_has(client, server_uri, "TST901")
    assert diag.range.start.line == 2

    def kinds() -> list[str]:
        return [type(v).__name__ for reports in client.progress_reports.values() for v in reports]

    await wait_for(lambda: "WorkDoneProgressEnd" in kinds())
    assert kinds()[0] == "WorkDoneProgressBegin" and kinds()[-1] == "WorkDoneProgressEnd"


async def test_edit_in_one_file_settles_a_finding_in_another(client: LanguageClient, tmp_path):
    server_uri = project(tmp_path)
    await start(client, tmp_path, options={"lintDelay": 0})
    await wait_has(client, server_uri, "TST901")
    uri = open_doc(client, tmp_path / "shutdown.js", "\n")
    change(client, uri, 2, (0, 0), (0, 0), SIGTERM)
    await wait_has(client, server_uri, "TST901", present=False)
    change(client, uri, 3, (0, 0), (1, 0), "")
    await wait_has(client, server_uri, "TST901")


async def test_watched_file_events_update_the_index(client: LanguageClient, tmp_path):
    server_uri = project(tmp_path)
    await start(client, tmp_path)
    await wait_has(client, server_uri, "TST901")
    shutdown = tmp_path / "shutdown.js"
    shutdown.write_text(SIGTERM)
    client.workspace_did_change_watched_files(T.DidChangeWatchedFilesParams(
        [T.FileEvent(shutdown.as_uri(), T.FileChangeType.Created)]))
    await wait_has(client, server_uri, "TST901", present=False)
    shutdown.unlink()
    client.workspace_did_change_watched_files(T.DidChangeWatchedFilesParams(
        [T.FileEvent(shutdown.as_uri(), T.FileChangeType.Deleted)]))
    await wait_has(client, server_uri, "TST901")


async def test_config_file_change_is_picked_up(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = open_doc(client, tmp_path / "app.js", URL_JS)
    await wait_codes(client, uri, ["URL001"])
    config = tmp_path / "prodlint.toml"
    config.write_text('ignore = ["URL001"]\n')
    client.workspace_did_change_watched_files(T.DidChangeWatchedFilesParams(
        [T.FileEvent(config.as_uri(), T.FileChangeType.Created)]))
    await wait_codes(client, uri, [])


async def test_watchers_are_registered_dynamically(client: LanguageClient, tmp_path):
    registrations: list[T.RegistrationParams] = []

    @client.feature(T.CLIENT_REGISTER_CAPABILITY)
    def register(params: T.RegistrationParams) -> None:
        registrations.append(params)

    await start(client, tmp_path, client_info=True)
    await wait_for(lambda: registrations)
    (reg,) = registrations[0].registrations
    assert reg.method == T.WORKSPACE_DID_CHANGE_WATCHED_FILES
    globs = [w["globPattern"] for w in reg.register_options["watchers"]]
    assert "**/.gitignore" in globs and "**/prodlint.toml" in globs


def pull_caps() -> T.ClientCapabilities:
    caps = capabilities("visual-studio-code")
    caps.text_document.diagnostic = T.DiagnosticClientCapabilities(related_document_support=True)
    caps.workspace.diagnostics = T.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    return caps


async def test_pull_diagnostics_with_unchanged_reports(client: LanguageClient, tmp_path):
    server_uri = project(tmp_path)
    result = await start(client, tmp_path, caps=pull_caps())
    assert result.capabilities.diagnostic_provider.inter_file_dependencies is True
    uri = open_doc(client, tmp_path / "app.js", URL_JS)
    report = await client.text_document_diagnostic_async(T.DocumentDiagnosticParams(T.TextDocumentIdentifier(uri)))
    assert [d.code for d in report.items] == ["URL001"]
    again = await client.text_document_diagnostic_async(T.DocumentDiagnosticParams(
        T.TextDocumentIdentifier(uri), previous_result_id=report.result_id))
    assert again.kind == "unchanged" and again.result_id == report.result_id
    await wait_for(lambda: client.diagnostic_refresh_count > 0)  # the index found TST901
    workspace = await client.workspace_diagnostic_async(T.WorkspaceDiagnosticParams(previous_result_ids=[]))
    by_uri = {item.uri: item for item in workspace.items}
    assert "TST901" in [d.code for d in by_uri[server_uri].items]
    assert uri not in client.diagnostics  # pull mode never pushes


async def test_push_mode_hides_the_pull_capability(client: LanguageClient, tmp_path):
    caps = capabilities("neovim@0.11.0")
    result = await start(client, tmp_path, caps=caps)
    assert result.capabilities.diagnostic_provider is None
    uri = open_doc(client, tmp_path / "app.js", URL_JS)
    await wait_codes(client, uri, ["URL001"])


async def test_settings_change_through_did_change_configuration(client: LanguageClient, tmp_path):
    await start(client, tmp_path)
    uri = open_doc(client, tmp_path / "app.js", URL_JS)
    await wait_codes(client, uri, ["URL001"])
    client.workspace_did_change_configuration(T.DidChangeConfigurationParams(
        settings={"prodlint": {"severity": {"URL001": "error"}}}))
    await wait_for(lambda: client.diagnostics[uri] and client.diagnostics[uri][0].severity == T.DiagnosticSeverity.Error)
    client.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings={"prodlint": {"enable": False}}))
    await wait_codes(client, uri, [])


async def test_settings_from_workspace_configuration(client: LanguageClient, tmp_path):
    client.set_configuration({"ignore": ["URL001"]}, section="prodlint")
    await start(client, tmp_path)
    uri = open_doc(client, tmp_path / "app.js", URL_JS)
    await wait_codes(client, uri, [])
    assert codes(client, uri) == []


async def test_invalid_settings_warn_once_and_use_defaults(client: LanguageClient, tmp_path):
    await start(client, tmp_path, options={"lintDelay": "soon", "run": "sometimes"})
    uri = open_doc(client, tmp_path / "app.js", URL_JS)
    await wait_codes(client, uri, ["URL001"])
    await wait_for(lambda: client.messages)
    (message,) = client.messages
    assert "lintDelay" in message.message and message.type == T.MessageType.Warning
