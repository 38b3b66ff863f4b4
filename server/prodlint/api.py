"""The only module rules import: rule metadata, findings, fixes, facts, and the contexts they read.

A rule module holds, in order: its docstring (the user documentation), `RULE = Rule(...)`, an
optional `QUERY` (a dict language -> tree-sitter query source; each pattern wrapped with its
predicates in outer parentheses), and some of:

- `check(ctx: FileContext) -> Iterable[Finding]` — file rules; `ctx.matches` holds only this
  rule's query matches (within `ctx.byte_range` when the server re-lints an edited region);
- `facts(ctx: FileContext) -> Iterable[Fact]` — what the file contributes to its project;
- `check_project(project: ProjectContext) -> Iterable[Finding]` — project rules, a pure function
  of the project's facts (a project rule never re-reads a file).

Byte offsets are the engine's unit; positions are derived at the edges (CLI, LSP).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from prodlint.languages import (  # noqa: F401  (re-exported for rules)
    COMPOSE, DOCKERFILE, DOTENV, GITIGNORE, JAVASCRIPT, JS_LIKE, JSON, PROCFILE, PYTHON, TSX,
    TYPESCRIPT, comment_prefix,
)

if TYPE_CHECKING:
    import tree_sitter as ts

    from prodlint.positions import LineIndex


class Scope(str, Enum):
    FILE = "file"
    PROJECT = "project"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    HINT = "hint"

    def lower(self) -> Severity:
        """One step less severe (test files get this for secrets)."""
        order = [Severity.ERROR, Severity.WARNING, Severity.INFO, Severity.HINT]
        return order[min(order.index(self) + 1, len(order) - 1)]


class Applicability(str, Enum):
    """As in Ruff: SAFE keeps meaning apart from the problem; UNSAFE may change behaviour;
    DISPLAY is shown, never applied."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY = "display"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str  # "1".."8", or "+" for failures beyond the eight
    scope: Scope
    targets: frozenset[str]
    severity: Severity = Severity.WARNING
    fix: str | None = None  # one line saying what the fix does, None when there is none
    runtime: bool = True  # False: also applies to tests, fixtures, examples, docs, scripts
    client_code: bool = True  # False: skip browser-only frontend files
    doc: str = ""  # the module docstring, set by the registry
    summary: str = ""  # first sentence of "What it does", set by the registry


@dataclass(frozen=True)
class Span:
    """A byte range with its tree-sitter points (row, byte column), both 0-based."""

    start: int
    end: int
    start_point: tuple[int, int]
    end_point: tuple[int, int]


REPLACE = "replace"
ENSURE_LINES = "ensure-lines"


@dataclass(frozen=True)
class TextEdit:
    """Replace bytes [start, end) of `path` with `text`.

    With `mode=ENSURE_LINES` the edit instead appends each line of `text` that the file does not
    already hold, creating the file when it is missing (`.env.example`, `.gitignore`): applying
    it twice changes nothing, and no rule has to read another file to compute an offset."""

    path: str
    start: int
    end: int
    text: str
    mode: str = REPLACE


@dataclass(frozen=True)
class Fix:
    title: str
    applicability: Applicability
    edits: tuple[TextEdit, ...]


@dataclass(frozen=True)
class Finding:
    code: str
    path: str
    span: Span
    message: str
    fixes: tuple[Fix, ...] = ()
    severity: Severity | None = None  # None: the rule's (or the config's) severity
    # Filled by the engine from config; a rule never sets it.
    name: str = ""

    @property
    def line(self) -> int:
        """1-based line of the start."""
        return self.span.start_point[0] + 1


@dataclass(frozen=True)
class Fact:
    """One thing a file contributes to its project ("listens here", "registers SIGTERM",
    "depends on express-rate-limit"). Hashable and picklable: facts are cached and sent
    between processes. `data` is a tuple of (key, value) pairs; read it with `get`."""

    kind: str
    path: str
    span: Span | None = None
    value: str = ""
    data: tuple[tuple[str, Any], ...] = ()

    def get(self, key: str, default: Any = None) -> Any:
        for k, v in self.data:
            if k == key:
                return v
        return default


def fact(kind: str, path: str, span: Span | None = None, value: str = "", **data: Any) -> Fact:
    """Build a Fact with keyword data (kept sorted so equal facts hash equal)."""
    return Fact(kind, path, span, value, tuple(sorted(data.items())))


Match = tuple[int, dict[str, list["ts.Node"]]]


@dataclass(frozen=True)
class FileRole:
    """What kind of file this is, relative to its project root (not production server code
    gets no runtime rules)."""

    test: bool = False
    non_production: bool = False  # tests, fixtures, examples, docs, hand-run scripts
    client: bool = False  # browser-only frontend code (Vite/React components, public/, src/ of a SPA)
    vite_client: bool = False  # code built by Vite: env is import.meta.env.VITE_*
    git_ignored: bool = False  # git ignores this file (computed for env files only)


@dataclass
class FileContext:
    """What a rule sees of one file."""

    path: str  # absolute
    relpath: str  # relative to the project root, with "/" separators
    project_root: str
    language: str
    source: bytes
    tree: ts.Tree | None
    index: LineIndex
    role: FileRole
    rule: Rule | None = None
    matches: list[Match] = field(default_factory=list)
    byte_range: tuple[int, int] | None = None
    _text: str | None = None

    # ---- reading ----
    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.source.decode("utf-8", "replace")
        return self._text

    def text_of(self, node: ts.Node) -> str:
        return self.source[node.start_byte:node.end_byte].decode("utf-8", "replace")

    def captures(self, name: str) -> Iterator[ts.Node]:
        """Every node captured as @name across this rule's matches."""
        for _, caps in self.matches:
            yield from caps.get(name, ())

    def lines(self) -> list[str]:
        """Lines without their line endings (line formats: Dockerfile, .env, .gitignore …)."""
        return self.text.split("\n")

    @property
    def comment_prefix(self) -> str:
        return comment_prefix(self.language)

    @property
    def uses_crlf(self) -> bool:
        return b"\r\n" in self.source

    @property
    def newline(self) -> str:
        return "\r\n" if self.uses_crlf else "\n"

    # ---- locating ----
    def span(self, node: ts.Node) -> Span:
        return Span(node.start_byte, node.end_byte, tuple(node.start_point), tuple(node.end_point))

    def span_of(self, start: int, end: int) -> Span:
        return Span(start, end, self.index.point(start), self.index.point(end))

    def line_span(self, line: int) -> Span:
        """Span of a whole 0-based line, without its line ending."""
        start = self.index.offset_of_point(line, 0)
        data = self.index.line_bytes(line).rstrip(b"\r")
        return self.span_of(start, start + len(data))

    def indent_at(self, offset: int) -> str:
        """Leading whitespace of the line holding `offset`."""
        row, _ = self.index.point(offset)
        line = self.index.line_bytes(row).decode("utf-8", "replace")
        return line[: len(line) - len(line.lstrip(" \t"))]

    # ---- reporting ----
    def finding(self, where: ts.Node | Span, message: str, fixes: Iterable[Fix] = (),
                severity: Severity | None = None) -> Finding:
        assert self.rule is not None, "finding() is for rules"
        span = where if isinstance(where, Span) else self.span(where)
        if severity is None and self.role.test and not self.rule.runtime:
            severity = self.rule.severity.lower()
        return Finding(self.rule.code, self.path, span, message, tuple(fixes), severity)

    def replace(self, where: ts.Node | Span, text: str) -> TextEdit:
        span = where if isinstance(where, Span) else self.span(where)
        return TextEdit(self.path, span.start, span.end, text)

    def insert(self, offset: int, text: str) -> TextEdit:
        return TextEdit(self.path, offset, offset, text)

    def ensure_lines(self, path: str, *lines: str) -> TextEdit:
        """Lines that `path` (relative to the project root, or absolute) must end up holding."""
        return TextEdit(os.path.join(self.project_root, path), 0, 0, "\n".join(lines) + "\n", ENSURE_LINES)

    def fix(self, title: str, applicability: Applicability, *edits: TextEdit) -> Fix:
        return Fix(title, applicability, tuple(edits))

    def sibling(self, name: str) -> str:
        """Absolute path of a file in the project root (for edits to .env.example, .gitignore)."""
        return os.path.join(self.project_root, name)

    def fact(self, kind: str, where: ts.Node | Span | None = None, value: str = "", **data: Any) -> Fact:
        span = None if where is None else (where if isinstance(where, Span) else self.span(where))
        return fact(kind, self.path, span, value, **data)


@dataclass
class ProjectContext:
    """A package root's facts (a monorepo has several), for project rules."""

    root: str
    facts_by_kind: Mapping[str, list[Fact]]
    files: frozenset[str]  # absolute paths of the files linted in this project
    rule: Rule | None = None

    def facts(self, kind: str) -> list[Fact]:
        return list(self.facts_by_kind.get(kind, ()))

    def has(self, kind: str) -> bool:
        return bool(self.facts_by_kind.get(kind))

    def finding(self, where: Fact | tuple[str, Span], message: str, fixes: Iterable[Fix] = (),
                severity: Severity | None = None) -> Finding:
        assert self.rule is not None, "finding() is for rules"
        if isinstance(where, Fact):
            assert where.span is not None, "a project finding is anchored at a fact with a span"
            path, span = where.path, where.span
        else:
            path, span = where
        return Finding(self.rule.code, path, span, message, tuple(fixes), severity)


FILE_START = Span(0, 0, (0, 0), (0, 0))


def redact(secret: str) -> str:
    """A secret as it may be shown anywhere: its first and last four characters at most."""
    if len(secret) <= 8:
        return "…" if len(secret) <= 2 else secret[:1] + "…"
    keep = 4 if len(secret) >= 16 else 2
    return f"{secret[:keep]}…{secret[-keep:]}"


# Tree helpers shared by rules (rules import only this module).
from prodlint.syntax import (  # noqa: E402,F401
    ancestors, binding_name, callee_text, enclosing, enclosing_call, enclosing_function, env_lookup,
    in_dev_guard, in_logging_call, is_docstring, is_logging_call, python_import_edit, quote_style,
    screaming_snake, string_content,
)
from prodlint.syntax import (  # noqa: E402,F401  (env reads; secret tests: prodlint_rules/_secrets.py)
    env_read_name, is_env_fallback,
)
from prodlint.syntax import (  # noqa: E402,F401  (server model helpers)
    JS_DB_CLIENTS, PY_DB_CLIENTS, indent_unit, js_call_name, js_db_clients, js_declarations, js_imports, js_logger,
    py_assignments, py_call_name, py_db_clients, py_imports, py_logger, statement_of, unwrap_js, uses_semicolons,
    walk_types, JS_FRAMEWORK_MODULES, js_frameworks, js_object_framework, js_server_objects,
    js_receiver_framework, end_of_line_after, DockerInstruction, dockerfile_instructions,
)
from prodlint.syntax import (  # noqa: E402,F401  (rule pack 2: Python entry points)
    py_flask_app, python_script_starts,
)
