"""Line formats: Dockerfile instructions (continuations joined, stages tracked) and .env entries.

Formats whose grammar gives no better ranges are read line by line here, once, for every rule and
fact module."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prodlint.context import FileContext

_DOTENV_ASSIGNMENT = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$")


@dataclass(frozen=True)
class DotenvEntry:
    """One `NAME=value` line of an env file (`export NAME=value` too): 0-based `row`, byte offset
    of the line's start, the line without its line ending, the `name`, and the value as written
    (`raw`: quotes and a trailing comment kept, surrounding blanks dropped) starting at character
    `raw_start` of the line. Names may hold dots (`spring.datasource.url`)."""

    row: int
    line_start: int
    line: str
    name: str
    raw: str
    raw_start: int


def dotenv_entries(lines: list[str]) -> list[DotenvEntry]:
    """The assignments of an env file given as its lines (`FileContext.lines()`); comments, blank
    and malformed lines are skipped. Every .env reader (SEC001, SEC003, URL002) reads them here."""
    out: list[DotenvEntry] = []
    offset = 0
    for row, raw_line in enumerate(lines):
        line_start, offset = offset, offset + len(raw_line.encode()) + 1
        line = raw_line.rstrip("\r")
        m = _DOTENV_ASSIGNMENT.match(line)
        if m is not None:
            out.append(DotenvEntry(row, line_start, line, m.group(1), m.group(2), m.start(2)))
    return out



@dataclass(frozen=True)
class DockerInstruction:
    """One Dockerfile instruction, continuation lines joined: `keyword` upper-cased, `args` the
    rest (continuations joined with a space), byte range of the whole instruction, 0-based `line`,
    `stage` (0-based index of the FROM it belongs to)."""

    keyword: str
    args: str
    start: int
    end: int
    line: int
    stage: int


def dockerfile_instructions(ctx: FileContext) -> list[DockerInstruction]:
    """The instructions of a Dockerfile (comments and blank lines skipped, `\\` continuations
    joined; heredoc bodies are not interpreted). Read once per file: four fact modules and a rule
    ask for them (callers only read the list)."""
    return ctx.memo("prodlint.lineformats.dockerfile_instructions", lambda: _read_instructions(ctx.source))


def _read_instructions(source: bytes) -> list[DockerInstruction]:
    out: list[DockerInstruction] = []
    offset, stage = 0, -1
    pending: list[str] = []
    start = start_line = 0
    for row, raw in enumerate(source.split(b"\n")):
        line_start = offset
        offset += len(raw) + 1
        text = raw.decode("utf-8", "replace").rstrip("\r")
        stripped = text.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if pending and stripped.startswith("#"):
            continue
        if not pending:
            start, start_line = line_start, row
        continued = stripped.endswith("\\")
        pending.append(stripped[:-1].strip() if continued else stripped)
        if continued:
            continue
        joined = " ".join(p for p in pending if p)
        pending = []
        keyword, _, args = joined.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            stage += 1
        end = line_start + len(raw.rstrip(b"\r"))
        out.append(DockerInstruction(keyword, args.strip(), start, end, start_line, max(stage, 0)))
    return out
