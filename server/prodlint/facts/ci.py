"""Facts of CI configuration: the shell commands a pipeline runs (GitHub Actions `run:`, GitLab
`script:`, CircleCI `command:`, Bitbucket and Azure Pipelines `script:`). A program a pipeline
runs (`node tools/check-translations.js`) is a task, not the server: LOG001 reads them as it
reads package.json scripts.

Read line by line (no YAML library is a dependency): a command key's value as a plain or quoted
scalar, a block scalar (`|`, `>`) or a list, with a GitHub step's own `working-directory`. CI
files are read whatever their role (they sit in `.github/`, which no runtime extractor reads)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from prodlint.api import Fact, FileContext
from prodlint.languages import CI

TARGETS = (CI,)

_COMMAND_KEY = re.compile(r"^(?P<lead>(?:-\s+)?)(?P<key>run|command|script|before_script|after_script|inline[Ss]cript)"
                          r"\s*:\s*(?P<value>.*)$")
_KEY = re.compile(r"^(?:-\s+)?(?P<key>[\w-]+)\s*:\s*(?P<value>.*)$")
_BLOCK = re.compile(r"^[|>][-+0-9]*\s*(#.*)?$")
_CD = re.compile(r"^cd\s+(?P<dir>[^\s;&|]+)\s*(?:&&|;)\s*")


def facts(ctx: FileContext) -> Iterator[Fact]:
    """`ci_command`: one per command line, with the folder it runs in (relative to the project
    root: the pipeline's checkout, joined with a step's `working-directory`)."""
    lines = [line.rstrip("\r") for line in ctx.lines()]
    base = _checkout(ctx.relpath)
    for number, command, directory in _commands(lines):
        cd = _CD.match(command)
        while cd is not None:  # `cd web && node tools/x.js`
            directory = os.path.join(directory, cd.group("dir"))
            command = command[cd.end():]
            cd = _CD.match(command)
        if command:
            folder = os.path.normpath(os.path.join(base, directory)).replace(os.sep, "/")
            yield ctx.fact("ci_command", ctx.line_span(number), command, directory="" if folder == "." else folder)


def _checkout(relpath: str) -> str:
    """The folder a pipeline checks out to, relative to the project root: the one holding
    `.github/` or `.circleci/`, else the CI file's own folder."""
    parts = relpath.replace("\\", "/").split("/")
    for marker in (".github", ".circleci"):
        if marker in parts:
            return "/".join(parts[:parts.index(marker)]) or "."
    return "/".join(parts[:-1]) or "."


def _commands(lines: list[str]) -> Iterator[tuple[int, str, str]]:
    """(0-based line, command, working directory as written) of every command line."""
    directories = _working_directories(lines)
    for i, line in enumerate(lines):
        text = line.lstrip(" ")
        m = _COMMAND_KEY.match(text)
        if m is None:
            continue
        column = len(line) - len(text) + len(m.group("lead"))  # where the key starts
        directory = directories[i]
        value = _strip_comment(m.group("value")).strip()
        if _BLOCK.match(value):
            for j in range(i + 1, len(lines)):
                inner = lines[j]
                if inner.strip() and len(inner) - len(inner.lstrip(" ")) <= column:
                    break
                if inner.strip() and not inner.strip().startswith("#"):
                    yield j, inner.strip(), directory
        elif value.startswith("["):
            for item in value.strip("[]").split(","):
                if _unquote(item.strip()):
                    yield i, _unquote(item.strip()), directory
        elif value:
            yield i, _unquote(value), directory
        else:  # a list below (`script:` then `- npm ci`); a mapping below holds a key of its own
            for j in range(i + 1, len(lines)):
                inner = lines[j]
                stripped = inner.strip()
                if not stripped or stripped.startswith("#"):
                    continue
                if len(inner) - len(inner.lstrip(" ")) < column or not stripped.startswith("- ") \
                        or _KEY.match(stripped) is not None:
                    break
                item = _unquote(_strip_comment(stripped[2:]).strip())
                if item:
                    yield j, item, directory


def _working_directories(lines: list[str]) -> list[str]:
    """Per line, the `working-directory` of the mapping its key belongs to (a GitHub step's), or
    "". One pass with a stack of the open mappings: a line closes those whose keys start right of
    it, a list item (`- run: …`) opens one at its key's column, and a key right of the innermost
    open mapping opens a nested one."""
    owner: list[int] = []  # per line, its mapping's number (-1: none)
    found: dict[int, str] = {}
    stack: list[tuple[int, int]] = []  # (column, number) of the open mappings, innermost last
    count = 0
    for line in lines:
        text = line.lstrip(" ")
        if not text or text.startswith("#"):
            owner.append(stack[-1][1] if stack else -1)
            continue
        indent = len(line) - len(text)
        while stack and stack[-1][0] > indent:
            stack.pop()
        if text.startswith("- "):
            column = indent + len(text) - len(text[1:].lstrip(" "))
            if stack and stack[-1][0] == indent:
                stack.pop()  # an item at a mapping's column ends it (a list under a key at that column)
            stack.append((column, count))
            count += 1
            text = text[column - indent:]
        elif not stack or stack[-1][0] < indent:
            stack.append((indent, count))
            count += 1
        number = stack[-1][1]
        owner.append(number)
        m = _KEY.match(text)
        if m is not None and m.group("key") == "working-directory":
            found[number] = _unquote(_strip_comment(m.group("value")).strip())
    return [found.get(number, "") for number in owner]


_QUOTED = re.compile(r"^(\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*')")


def _strip_comment(value: str) -> str:
    """A scalar's value without a trailing ` # comment` (a quoted one ends at its closing quote)."""
    quoted = _QUOTED.match(value)
    if quoted is not None:
        return quoted.group(1)
    at = value.find(" #")
    return value if at < 0 else value[:at]


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value
