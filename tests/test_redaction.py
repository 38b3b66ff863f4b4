"""Secrets are never printed whole: not in text, JSON, SARIF or GitHub output, not in LSP
diagnostics, their data, hover or code actions. Every rule runs (URL001 also reports the
localhost URL with a password in it), so a new rule that echoes a value is caught here too."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import converters
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

from prodlint.api import redact
from prodlint.cli import main

# Made-up values with real shapes; none of them appears in any rule's documentation.
STRIPE = "sk_live_7TqZb4nW2vX9kLmP3rQ7sYd"
ANTHROPIC = "sk-ant-api03-Qw3rTy7uIo9pAs1dFg5hJk2lZx8cVb4nM6Lk9Jh8Gf7D"
JWT_SECRET = "k9Vd2-wq81Ls-Zx4mT-r7Ny"
FALLBACK = "f3Kq9ZtL2mWx8Vb4Nc7Rd1Yh"
URL_PASSWORD = "Vq82mZt4LpXe"
LOCAL_PASSWORD = "Hx7pQ2mZr9Ke"
NPM = "npm_Ab3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zAb"
SENDGRID = "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"
SECRETS = [STRIPE, ANTHROPIC, JWT_SECRET, FALLBACK, URL_PASSWORD, LOCAL_PASSWORD, NPM, SENDGRID]

FILES = {
    "package.json": '{ "name": "shop", "dependencies": { "express": "^4.19.2" } }\n',
    "server.js": (
        'const express = require("express");\n'
        f'const stripe = require("stripe")("{STRIPE}");\n'
        f'const JWT_SECRET = "{JWT_SECRET}";\n'
        f'const SIGNING = process.env.SIGNING_SALT || "{FALLBACK}";\n'
        f'const mongo = "mongodb+srv://shopadmin:{URL_PASSWORD}@cluster0.x1y2z.mongodb.net/shop";\n'
        f'const local = "postgres://app:{LOCAL_PASSWORD}@localhost:5432/app";\n'
        "const app = express();\n"
        "app.listen(process.env.PORT || 3000, () => stripe.charges.list(process.env.DATABASE_URL));\n"
    ),
    "worker.py": f'from anthropic import Anthropic\n\nclient = Anthropic(api_key="{ANTHROPIC}")\n',
    "Dockerfile": f"FROM node:20\nARG NPM_TOKEN={NPM}\nCMD [\"node\", \"server.js\"]\n",
    ".env": f"STRIPE_SECRET_KEY={STRIPE}\nDATABASE_URL=postgres://app:{LOCAL_PASSWORD}@localhost:5432/app\n",
    ".env.example": f"SENDGRID_API_KEY={SENDGRID}\n",
}
EXPECTED = {"SEC001", "SEC002", "SEC003", "URL001"}


def leaks(output: str) -> list[str]:
    """Secrets of which more than a redacted fragment (9 consecutive characters) appears."""
    found = []
    for secret in SECRETS:
        if any(secret[i:i + 9] in output for i in range(len(secret) - 8)):
            found.append(secret)
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def test_redact_keeps_at_most_four_characters_each_side():
    assert redact(STRIPE) == STRIPE[:4] + "…" + STRIPE[-4:]
    assert redact("hunter22") == "h…"
    assert not leaks(" ".join(redact(s) for s in SECRETS))
    assert leaks("".join(FILES.values())) == SECRETS  # the detector itself sees every secret


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_cli_output_never_holds_a_secret(project: Path, fmt: str, capsys: pytest.CaptureFixture[str]):
    code = main(["check", str(project), "--format", fmt, "--select", "ALL"])
    out = capsys.readouterr().out
    assert code == 1
    for expected in EXPECTED:
        assert expected in out, f"{expected} did not fire, so this test proves nothing for it"
    assert not leaks(out), f"{fmt} output shows secrets: {leaks(out)}"
    if fmt == "text":
        assert redact(STRIPE) in out and "****@" in out


def test_json_messages_and_fix_titles_are_redacted(project: Path, capsys: pytest.CaptureFixture[str]):
    main(["check", str(project), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    secret_findings = [f for f in findings if f["code"].startswith("SEC")]
    assert len(secret_findings) >= 7
    for finding in findings:
        assert not leaks(finding["message"] + " ".join(x["title"] for x in finding["fixes"]))


# ---------------------------------------------------------------- the language server

@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "prodlint", "serve"]))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def _wait(predicate, timeout: float = 20.0):
    from test_lsp_support import wait_for

    await wait_for(predicate, timeout)


async def test_lsp_diagnostics_hover_and_actions_never_hold_a_secret(client: LanguageClient, project: Path):
    await client.initialize_session(T.InitializeParams(
        capabilities=T.ClientCapabilities(
            text_document=T.TextDocumentClientCapabilities(
                hover=T.HoverClientCapabilities(content_format=[T.MarkupKind.Markdown]),
                code_action=T.CodeActionClientCapabilities(code_action_literal_support=T.ClientCodeActionLiteralOptions(
                    T.ClientCodeActionKindOptions([T.CodeActionKind.QuickFix]))),
                publish_diagnostics=T.PublishDiagnosticsClientCapabilities(related_information=True),
            ),
            window=T.WindowClientCapabilities(work_done_progress=True),
        ),
        root_uri=project.as_uri(),
        workspace_folders=[T.WorkspaceFolder(project.as_uri(), project.name)],
    ))
    for name, language in (("server.js", "javascript"), ("worker.py", "python")):
        path = project / name
        client.text_document_did_open(T.DidOpenTextDocumentParams(
            T.TextDocumentItem(uri=path.as_uri(), language_id=language, version=1, text=path.read_text())))

    def codes() -> set[str]:
        return {str(d.code) for diags in client.diagnostics.values() for d in diags}

    await _wait(lambda: {"SEC001", "SEC002", "URL001"} <= codes())
    converter = converters.get_converter()
    dumped = json.dumps(converter.unstructure(client.diagnostics))
    assert not leaks(dumped), f"diagnostics show secrets: {leaks(dumped)}"

    checked = 0
    for uri, diagnostics in list(client.diagnostics.items()):
        for diagnostic in diagnostics:
            if not str(diagnostic.code).startswith(("SEC", "URL")):
                continue
            hover = await client.text_document_hover_async(
                T.HoverParams(T.TextDocumentIdentifier(uri), diagnostic.range.start))
            if hover is not None:
                text = json.dumps(converter.unstructure(hover))
                assert not leaks(text), f"hover shows secrets: {leaks(text)}"
            actions = await client.text_document_code_action_async(T.CodeActionParams(
                T.TextDocumentIdentifier(uri), diagnostic.range, T.CodeActionContext([diagnostic])))
            text = json.dumps(converter.unstructure(actions or []))
            assert not leaks(text), f"code actions show secrets: {leaks(text)}"
            checked += 1
    assert checked >= 5
