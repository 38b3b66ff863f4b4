"""The contexts a rule reads: one file (`FileContext`) or one project (`ProjectContext`).

A project rule reads the project through the views of `ProjectContext` (`apps()`, `routes()`,
`entry_points()`, `env_reads()` …), built from the declared facts once per project and shared by
every rule (see `prodlint.facts.views`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from prodlint.core import (
    ENSURE_LINES, Applicability, Fact, FileRole, Finding, Fix, Match, Rule, Severity, Span, TextEdit, _span, fact,
    new_frozen,
)
from prodlint.languages import comment_prefix
from prodlint.paths import relative

if TYPE_CHECKING:
    import tree_sitter as ts

    from prodlint.facts.views import App, Client, DeployFile, EntryPoint, EnvRead, ProjectModel, Route
    from prodlint.positions import LineIndex


class SourceFile:
    """One parsed file, shared by every rule and fact module that reads it, with its declared
    per-file cache: derived helpers (imports, bindings, the node index …) are computed once per
    parse, whichever rule asks first (`memo`)."""

    __slots__ = ("path", "relpath", "project_root", "language", "source", "tree", "_index", "role", "_text",
                 "_memo")

    def __init__(self, path: str, relpath: str, project_root: str, language: str, source: bytes,
                 tree: ts.Tree | None, index: LineIndex | Callable[[], LineIndex], role: FileRole):
        self.path, self.relpath, self.project_root, self.language = path, relpath, project_root, language
        self.source, self.tree, self._index, self.role = source, tree, index, role
        self._text: str | None = None
        self._memo: dict[Hashable, Any] = {}

    @property
    def index(self) -> LineIndex:
        """The line index, built when first asked (`index` may be given as a function)."""
        index = self._index
        if callable(index):
            index = self._index = index()
        return index

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.source.decode("utf-8", "replace")
        return self._text

    def memo(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value of a per-file helper, computed on first use."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value


@dataclass(frozen=True)
class FileContext:
    """What one rule (or fact module) sees of one file: the shared `SourceFile`, and its own
    rule, query matches and byte range. Immutable: each rule gets its own (`for_rule`)."""

    file: SourceFile
    rule: Rule | None = None
    matches: tuple[Match, ...] | list[Match] = ()
    byte_range: tuple[int, int] | None = None

    def for_rule(self, rule: Rule | None, matches: list[Match] | tuple[Match, ...] = (),
                 byte_range: tuple[int, int] | None = None) -> FileContext:
        return _file_context(self.file, rule, matches, byte_range)

    def for_extractor(self, matches: list[Match] | tuple[Match, ...] = ()) -> FileContext:
        return _file_context(self.file, None, matches, None)

    # ---- the file
    @property
    def path(self) -> str:
        """Absolute path."""
        return self.file.path

    @property
    def relpath(self) -> str:
        """Relative to the project root, with "/" separators."""
        return self.file.relpath

    @property
    def project_root(self) -> str:
        return self.file.project_root

    @property
    def language(self) -> str:
        return self.file.language

    @property
    def source(self) -> bytes:
        return self.file.source

    @property
    def tree(self) -> ts.Tree | None:
        return self.file.tree

    @property
    def index(self) -> LineIndex:
        return self.file.index

    @property
    def role(self) -> FileRole:
        return self.file.role

    def memo(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """`SourceFile.memo`, without a second call: helpers ask it tens of thousands of times."""
        memo = self.file._memo
        try:
            return memo[key]
        except KeyError:
            value = memo[key] = compute()
            return value

    # ---- reading ----
    @property
    def text(self) -> str:
        return self.file.text

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
        """Asked by every fix a rule builds: once per file, not a search of the file per finding."""
        return self.file.memo("uses_crlf", lambda: b"\r\n" in self.file.source)

    @property
    def newline(self) -> str:
        return "\r\n" if self.uses_crlf else "\n"

    # ---- locating ----
    def span(self, node: ts.Node) -> Span:
        return _span(node.start_byte, node.end_byte, tuple(node.start_point), tuple(node.end_point))

    def span_of(self, start: int, end: int) -> Span:
        return _span(start, end, self.index.point(start), self.index.point(end))

    def line_span(self, line: int) -> Span:
        """Span of a whole 0-based line, without its line ending."""
        start = self.index.offset_of_point(line, 0)
        data = self.index.line_bytes(line).rstrip(b"\r")
        return self.span_of(start, start + len(data))

    def node_at(self, span: Span, types: frozenset[str] | set[str] | None = None) -> ts.Node | None:
        """The outermost node covering exactly `span` (of one of `types` when given): how a
        project rule's `fix()` finds the node its finding is anchored on."""
        if self.tree is None:
            return None
        node = self.tree.root_node.descendant_for_byte_range(span.start, span.end)
        while node is not None and node.parent is not None and (node.parent.start_byte, node.parent.end_byte) == \
                (span.start, span.end):
            node = node.parent
        while node is not None and (node.start_byte, node.end_byte) == (span.start, span.end):
            if types is None or node.type in types:
                return node
            node = node.named_children[0] if node.named_children else None
        return None

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
        """Insert `text` at `offset`; at the very start of a file, below what must stay first
        (a `#!` line, a JavaScript directive prologue such as "use strict" or "use client", a
        Python encoding line, docstring and `from __future__` imports)."""
        if offset == 0:
            offset = self.top_of_file
        return TextEdit(self.path, offset, offset, text)

    @property
    def top_of_file(self) -> int:
        """The first offset where a statement may be inserted without breaking the file."""
        if self.tree is None:
            return 0
        at = 0
        for child in self.tree.root_node.named_children:
            leading_comment = child.type == "hash_bang_line" or (
                child.type == "comment" and not self.source[at:child.start_byte].strip()
                and (self.language == "python" or self._detached(child)))
            directive = child.type == "expression_statement" and child.named_child_count == 1 \
                and child.named_children[0].type == "string"  # "use strict" / a module docstring
            if leading_comment or directive or child.type == "future_import_statement":
                at = self._after_line(child.end_byte)
            else:
                break
        return at

    def _detached(self, comment: Any) -> bool:
        """A JavaScript comment that belongs to the file (a header, `// @ts-check`), not to the
        statement right below it (a JSDoc `@type` must stay on its declaration)."""
        following = comment.next_named_sibling
        gap = self.source[comment.end_byte:following.start_byte] if following is not None else b"\n\n"
        return gap.count(b"\n") >= 2 or following is None or following.type == "comment"

    def _after_line(self, offset: int) -> int:
        end = self.source.find(b"\n", offset)
        return len(self.source) if end < 0 else end + 1

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


def _file_context(file: SourceFile, rule: Rule | None, matches: list[Match] | tuple[Match, ...],
                  byte_range: tuple[int, int] | None) -> FileContext:
    """One is made for every rule and extractor of every file (`new_frozen`)."""
    return new_frozen(FileContext, file=file, rule=rule, matches=matches, byte_range=byte_range)


@dataclass(frozen=True)
class ProjectContext:
    """A package root's facts (a monorepo has several), for project rules, with the shared views.

    Each rule gets its own copy (`for_rule`); the copies share one view cache, so the views are
    computed once per project whichever rules ask."""

    root: str
    facts_by_kind: Mapping[str, list[Fact]]
    files: frozenset[str]  # absolute paths of the files linted in this project
    rule: Rule | None = None
    _views: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def for_rule(self, rule: Rule) -> ProjectContext:
        return new_frozen(ProjectContext, root=self.root, facts_by_kind=self.facts_by_kind, files=self.files,
                          rule=rule, _views=self._views)

    # ---- raw facts
    def facts(self, kind: str) -> list[Fact]:
        return list(self.facts_by_kind.get(kind, ()))

    def has(self, kind: str) -> bool:
        return bool(self.facts_by_kind.get(kind))

    # ---- views (prodlint.facts.views), computed once per project
    def shared(self, key: str, compute: Callable[[], Any]) -> Any:
        """A derived view of this project's facts that several rules read (the rate-limit rules'
        model), computed by the first rule that asks. `compute` must read facts and views only,
        never the asking rule's own state."""
        try:
            return self._views[key]
        except KeyError:
            value = self._views[key] = compute()
            return value

    @property
    def model(self) -> ProjectModel:
        from prodlint.facts.views import ProjectModel

        return self.shared("model", lambda: ProjectModel(self))

    def apps(self) -> list[App]:
        """Server app objects (Express/Fastify/Koa/Hono/NestJS apps, Flask/FastAPI/Starlette apps,
        Django URL confs)."""
        return self.model.apps

    def routes(self) -> list[Route]:
        """Every route with the full paths it is served under, through mounts and prefixes."""
        return self.model.routes

    def entry_points(self) -> list[EntryPoint]:
        """The calls that start serving, each with the app it starts (found across files)."""
        return self.model.entry_points

    def env_reads(self) -> list[EnvRead]:
        return self.model.env_reads

    def clients(self) -> list[Client]:
        return self.model.clients

    def loggers(self) -> list[Fact]:
        return self.facts("logger")

    @property
    def frameworks(self) -> frozenset[str]:
        """Server frameworks named by package.json or by imports."""
        return self.model.frameworks

    @property
    def dependencies(self) -> dict[str, Fact]:
        """package.json dependencies by name (the first declaration of each)."""
        return self.model.dependencies

    @property
    def scripts(self) -> dict[str, str]:
        """package.json scripts: name -> command."""
        return self.model.scripts

    @property
    def deploy_files(self) -> list[DeployFile]:
        return self.model.deploy_files

    def relpath(self, path: str) -> str:
        return relative(path, self.root).replace(os.sep, "/")

    # ---- reporting
    def finding(self, where: Fact | tuple[str, Span], message: str, fixes: Iterable[Fix] = (),
                severity: Severity | None = None, **data: Any) -> Finding:
        """A finding anchored at a fact (or a (path, span)); `data` is what the rule's `fix()`
        needs to build its fix later (see `Fix.lazy`)."""
        assert self.rule is not None, "finding() is for rules"
        if isinstance(where, Fact):
            assert where.span is not None, "a project finding is anchored at a fact with a span"
            path, span = where.path, where.span
        else:
            path, span = where
        fixes = tuple(fixes)
        if any(f.lazy for f in fixes):
            data.setdefault("root", self.root)  # where the fix's file's project is
        return Finding(self.rule.code, path, span, message, fixes, severity, data=tuple(sorted(data.items())))

    @staticmethod
    def offer(title: str, applicability: Applicability) -> Fix:
        """A fix the rule's `fix(ctx, finding)` builds when it is asked for (CLI `--fix`, LSP
        `codeAction/resolve`): project rules never build edits while checking."""
        return Fix(title, applicability, (), lazy=True)
