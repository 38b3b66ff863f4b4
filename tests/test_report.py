"""`prodlint report`: the scorecard (pass, findings, not applicable with why, not checked), findings
with frames and fixes, the checklist for a person, no secret and no external asset; the HTML page
rendered by a real headless Chromium."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from prodlint.cli import main

REPO = Path(__file__).parent.parent
STRIPE = "sk_live_9QzXb4nW2vT8kLmP3rQ7sYe"
CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "", shutil.which("chromium-browser") or "")
                 if p and os.path.exists(p)), None)


def report(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["report", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture()
def script_project(tmp_path: Path, monkeypatch) -> Path:
    """A Python script with no HTTP server and no database: most cards do not apply."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "requirements.txt").write_text("requests\n")
    (tmp_path / "sync.py").write_text(f'import requests\n\nAPI = "http://localhost:8000/api"\nKEY = "{STRIPE}"\n'
                                      "requests.get(API, headers={'k': KEY})\n")
    return tmp_path


def test_markdown_scorecard_of_a_project_without_a_server(script_project, capsys):
    code, out, _ = report(capsys, ".", "--format", "markdown")
    assert code == 0
    rows = {line.split("|")[2].strip(): line for line in out.splitlines() if line.startswith("| ") and "---" not in line}
    assert "❌ findings" in rows["env & secrets"] and "❌ findings" in rows["hardcoded hosts"]
    assert "➖ not applicable | no HTTP server found" in rows["health checks"]
    assert "➖ not applicable | no HTTP server or container found" in rows["graceful shutdown"]
    assert "➖ not applicable | no database client or ORM found" in rows["migrations"]
    numbers = [line.split("|")[1].strip() for line in rows.values()]
    assert [n for n in numbers if n.isdigit()] == [str(n) for n in range(1, 9)]
    assert "### `sync.py:3` URL001 hardcoded-localhost-url" in out
    assert '3 | API = "http://localhost:8000/api"' in out  # the code frame
    assert "- **[~] unsafe fix**:" in out
    assert "## Needs a person" in out and "- [ ] **Backups**" in out and "- [ ] **Alerts**" in out
    assert STRIPE[8:20] not in out


def test_passing_cards_for_a_server_that_does_it_right(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "package.json").write_text('{"name": "ok", "dependencies": {"express": "^5.1.0"}}\n')
    (tmp_path / "server.js").write_text(
        'const express = require("express");\nconst app = express();\n'
        'app.get("/healthz", (req, res) => res.send("ok"));\n'
        "app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));\n"
        "const server = app.listen(process.env.PORT);\n"
        'process.on("SIGTERM", () => server.close());\n'
        'process.on("unhandledRejection", (e) => { throw e; });\n')
    code, out, _ = report(capsys, ".", "--format", "markdown")
    assert code == 0
    for name in ("health checks", "graceful shutdown"):
        assert any(line.startswith("| ") and f"| {name} | ✅ pass |" in line for line in out.splitlines()), out


def test_html_is_one_self_contained_page(script_project, capsys):
    code, _, err = report(capsys, ".")
    assert code == 0 and "wrote prodlint-report.html" in err
    page = (script_project / "prodlint-report.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    for external in ("<script", "<link", "src=", "url(", "@import"):
        assert external not in page
    assert "no HTTP server found" in page and "Needs a person" in page
    assert STRIPE[8:20] not in page
    assert "&lt;" not in page or "<pre>" in page  # source text is escaped, not markup
    code, out, _ = report(capsys, ".", "-o", "-")
    assert out == page


def test_nothing_to_report_is_exit_two(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.md").write_text("# x\n")
    code, _, err = report(capsys, ".")
    assert code == 2 and "no file was checked" in err and not (tmp_path / "prodlint-report.html").exists()


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of an 8-bit RGB/RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6)
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, [bytes(r[i:i + 3]) for r in rows for i in range(0, stride, bpp)]


def test_the_page_renders_in_headless_chromium(tmp_path, monkeypatch, capsys):
    if CHROMIUM is None:
        if os.environ.get("PRODLINT_REQUIRE_CHROMIUM"):
            pytest.fail("Chromium is not installed, and PRODLINT_REQUIRE_CHROMIUM asks for the browser test")
        pytest.skip("Chromium is not installed (editors/ci.sh installs it and runs this test with it)")
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    assert report(capsys, "examples", "-o", str(tmp_path / "report.html"))[0] == 0
    url = (tmp_path / "report.html").as_uri()
    flags = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--user-data-dir={tmp_path / 'profile'}", "--no-first-run", "--disable-background-networking"]
    dom = subprocess.run([*flags, "--dump-dom", url], capture_output=True, text=True, timeout=120)
    assert 'aria-label="scorecard"' in dom.stdout and dom.stdout.count('class="card ') >= 8
    shot = tmp_path / "report.png"
    subprocess.run([*flags, "--window-size=1100,1400", f"--screenshot={shot}", url], capture_output=True, timeout=120)
    width, height, pixels = _png_pixels(shot.read_bytes())
    assert (width, height) == (1100, 1400)
    colours = set(pixels)
    assert len(colours) > 50  # text, cards and code blocks, not a blank page
    assert bytes.fromhex("cf222e") in colours  # the red border of a card with findings
    assert bytes.fromhex("0d1117") in colours  # a code frame's background
