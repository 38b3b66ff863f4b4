"""The text output people read: code frames, colour, the summary, redaction in frames, exit 2 when
nothing was checked, the rules table, closed pipes, what `--fix` says, `--verbose` skips."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prodlint.cli import main
from prodlint.output.frame import _general_frame, _plain_frame, build

REPO = Path(__file__).parent.parent
ENV = {**os.environ, "PYTHONPATH": f"{REPO / 'server'}:{REPO / 'rules'}"}
APP_JS = 'const API = "http://localhost:3000";\nfetch(API);\n'
STRIPE = "sk_live_9QzXb4nW2vT8kLmP3rQ7sYe"
JWT = "Zq8-v2Lw-81Ks-x4mT-r7Nw"


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content)
    return root


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture()
def here(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return tmp_path


# ---------------------------------------------------------------- frames

def test_caret_under_the_span_after_tabs_and_wide_characters():
    frame = build('\tconst 名前 = "http://localhost:1";', 4, 12, 32, 0, [])
    assert frame.number == 5
    assert frame.text == '    const 名前 = "http://localhost:1";'
    start = frame.text.index('"') + 2  # the two wide characters take two cells each
    assert frame.underline == " " * start + "^" * 20


def test_long_lines_are_cut_around_the_span():
    line = "x" * 300 + ' "http://localhost:1" ' + "y" * 300
    frame = build(line, 0, 301, 321, 0, [])
    assert len(frame.text) <= 112 and frame.text.startswith("…") and frame.text.endswith("…")
    assert frame.text[frame.underline.index("^"):][:20] == '"http://localhost:1"'


def test_full_output_has_severity_frame_fix_docs_and_summary(here, capsys):
    write(here, {"app.js": APP_JS, "package.json": '{"name": "x"}\n'})
    code, out, _ = cli(capsys, "check", "--no-cache", ".")
    assert code == 1
    assert "warning[URL001] hardcoded-localhost-url:" in out
    assert '1 | const API = "http://localhost:3000";' in out
    assert "  |             ^^^^^^^^^^^^^^^^^^^^^^^" in out
    assert "= [~] unsafe fix: Replace with process.env.API_URL" in out
    assert "= docs: https://github.com/prodlint/prodlint/blob/main/rules/README.md#url001" in out
    assert "By failure: 5 hardcoded hosts: 1" in out
    assert out.rstrip().endswith("2 files checked.")
    assert "\x1b[" not in out  # not a terminal: no colour


def test_colour_follows_the_flag_and_no_color(here, capsys, monkeypatch):
    write(here, {"app.js": APP_JS})
    _, out, _ = cli(capsys, "check", "--no-cache", "--color", "always", ".")
    assert "\x1b[1;33mwarning[URL001]\x1b[0m" in out
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in cli(capsys, "check", "--no-cache", ".")[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli(capsys, "check", "--no-cache", ".")[1]
    assert "\x1b[" in cli(capsys, "check", "--no-cache", "--color", "always", ".")[1]
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.delenv("FORCE_COLOR")
    assert "\x1b[" not in cli(capsys, "check", "--no-cache", "--color", "never", ".")[1]


def test_colour_on_a_terminal_only(here):
    """A real pseudo-terminal gets colour; the same run piped gets none."""
    import pty

    write(here, {"app.js": APP_JS})
    cmd = [sys.executable, "-m", "prodlint", "check", "--no-cache", "."]
    env = {k: v for k, v in ENV.items() if k not in ("NO_COLOR", "FORCE_COLOR")} | {"TERM": "xterm"}
    primary, secondary = pty.openpty()
    proc = subprocess.run(cmd, cwd=here, env=env, stdout=secondary, stderr=subprocess.DEVNULL, timeout=60)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    assert proc.returncode == 1
    assert b"\x1b[1;33m" in b"".join(chunks)
    piped = subprocess.run(cmd, cwd=here, env=env, capture_output=True, timeout=60)
    assert b"\x1b[" not in piped.stdout and b"warning[URL001]" in piped.stdout


def _leaks(text: str, secret: str) -> bool:
    return any(secret[i:i + 9] in text for i in range(len(secret) - 8))


def test_frames_never_show_a_secret(here, capsys):
    write(here, {
        "server.js": f'const JWT_SECRET = "{JWT}";\nconst stripe = require("stripe")("{STRIPE}"); '
                     'const API = "http://localhost:3000";\n',
    })
    code, out, _ = cli(capsys, "check", "--no-cache", "--select", "ALL", ".")
    assert code == 1 and "SEC001" in out and "URL001" in out
    assert not _leaks(out, JWT) and not _leaks(out, STRIPE)
    assert 'const JWT_SECRET = "Zq8-…r7Nw";' in out  # redacted in the frame, the name left readable
    # with the secret rule off, the token on the URL001 line is still masked
    code, out, _ = cli(capsys, "check", "--no-cache", "--select", "URL001", ".")
    assert code == 1 and not _leaks(out, STRIPE)


def test_statistics_and_quiet(here, capsys):
    write(here, {"app.js": APP_JS})
    _, out, _ = cli(capsys, "check", "--no-cache", "--quiet", ".")
    assert "Found" not in out and "checked" not in out and out.startswith("warning[URL001]")


# ---------------------------------------------------------------- nothing checked

@pytest.mark.parametrize("files, reason", [
    ({}, "it holds no files"),
    ({"README.md": "# hi\n", "main.go": "package main\n"}, "2 of a kind prodlint does not read (.md, .go)"),
    ({".gitignore": "gen/\nsecret.js\n", "gen/a.js": APP_JS, "secret.js": APP_JS},
     "2 ignored by .gitignore"),
    ({"node_modules/x/index.js": APP_JS}, "1 in dependency or build folders"),
    ({"blob.js": b"\x00\x01binary"}, "every file prodlint reads was skipped (1 binary content"),
])
def test_nothing_checked_exits_two_and_says_why(here, capsys, files, reason):
    (here / "app").mkdir()
    write(here / "app", files)
    if ".gitignore" in files:  # the .gitignore itself is read: lint only what it hides
        os.remove(here / "app" / ".gitignore")
        write(here, {".gitignore": "app/gen/\napp/secret.js\n"})
        (here / ".git").mkdir()
    code, out, err = cli(capsys, "check", "--no-cache", "app")
    assert code == 2, out
    assert "All checks passed" not in out
    assert "no file was checked in app" in err and reason in err


def test_a_file_of_an_unread_kind_is_not_a_pass(here, capsys):
    write(here, {"notes.txt": "x\n"})
    code, _, err = cli(capsys, "check", "--no-cache", "notes.txt")
    assert code == 2 and "1 of a kind prodlint does not read" in err


def test_empty_files_count_as_checked(here, capsys):
    write(here, {"__init__.py": ""})
    code, out, _ = cli(capsys, "check", "--no-cache", ".")
    assert code == 0 and "1 file checked." in out


# ---------------------------------------------------------------- rules, pipes

def test_rules_table_fits_100_columns_and_explains_categories(capsys):
    code, out, _ = cli(capsys, "rules")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "CAT", "SCOPE", "FIX", "SUMMARY"]
    assert max(len(line) for line in lines) <= 100
    assert any(line.split()[:3] == ["URL001", "hardcoded-localhost-url", "5"] for line in lines)
    assert "+ beyond the eight" in out


def test_rules_json(capsys):
    code, out, _ = cli(capsys, "rules", "--format", "json")
    data = json.loads(out)
    url = next(r for r in data if r["code"] == "URL001")
    assert url["name"] == "hardcoded-localhost-url" and url["category"] == "5"
    assert url["category_name"] == "hardcoded hosts" and url["scope"] == "file" and url["summary"]


@pytest.mark.parametrize("args, code", [
    (["rules"], 0), (["explain", "SEC001"], 0), (["rules", "--format", "json"], 0),
    (["check", "--no-cache", "examples"], 1), (["check", "--no-cache", "--format", "json", "examples"], 1),
])
def test_a_closed_pipe_ends_quietly(args, code):
    proc = subprocess.run(f"{sys.executable} -m prodlint {' '.join(args)} | head -c 10 >/dev/null; "
                          "echo ${PIPESTATUS[0]} >&2", shell=True, executable="/bin/bash", cwd=REPO, env=ENV,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == str(code)


# ---------------------------------------------------------------- --fix and --verbose

def test_fix_with_only_unsafe_fixes_says_so(here, capsys):
    write(here, {"app.js": APP_JS})
    code, out, _ = cli(capsys, "check", "--no-cache", "--fix", ".")
    assert code == 1
    assert out.splitlines()[0] == "No safe fix to apply; 1 more with --unsafe-fixes."
    assert (here / "app.js").read_text() == APP_JS


def test_fix_reports_fixed_and_what_is_left(here, capsys):
    write(here, {"package.json": '{"name": "x", "dependencies": {"express": "^4.19.2"}}\n',
                 ".env": "STRIPE_SECRET_KEY=" + STRIPE + "\n", "app.js": APP_JS})
    code, out, _ = cli(capsys, "check", "--no-cache", "--fix", "--select", "SEC003,URL001", ".")
    assert code == 1
    assert out.splitlines()[0] == "Fixed 1 problem; 1 more with --unsafe-fixes."
    assert ".env*" in (here / ".gitignore").read_text()
    code, out, err = cli(capsys, "check", "--no-cache", "--fix", "--format", "json", "--select", "SEC003", ".")
    assert code == 0 and json.loads(out) == [] and "No fix to apply." in err


def test_verbose_prints_each_skip_once_with_the_count(here, capsys):
    write(here, {"prodlint.toml": "max-file-size = 2000\n", "big.js": "const a = 1;\n" * 400,
                 "bin.js": b"\x00\x01binary", "ok.js": "export const x = 1;\n"})
    code, _, err = cli(capsys, "check", "--no-cache", "--verbose", ".")
    assert code == 0
    assert err.count("big.js: larger than 2000 bytes") == 1
    assert err.count("bin.js: binary content") == 1
    assert "prodlint: 1 file checked, 2 skipped" in err


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=400),
       st.integers(0, 420), st.integers(-1, 420), st.integers(0, 3))
def test_plain_frames_match_the_general_path(line, start, end, more):
    """A line with nothing to redact, in ASCII without tabs, is framed by arithmetic on offsets:
    the same frame the general path gives by weighing each character."""
    line_end = len(line) if end < 0 or end > len(line) else end
    first = min(start, len(line))
    assert _plain_frame(line, 7, first, line_end, more) == _general_frame(line, 7, first, line_end, more, [])
