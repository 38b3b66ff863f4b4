"""The rule contract's value types: rule metadata, spans, edits, fixes, findings, facts, file roles.

Pure data, importing nothing of prodlint but the language names: every other engine module can
import it without a cycle. Rules import these through `prodlint.api`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import tree_sitter as ts


class Scope(str, Enum):
    """What a rule defines: `check(ctx)` (FILE), `check_project(project)` (PROJECT), or both."""

    FILE = "file"
    PROJECT = "project"
    FILE_AND_PROJECT = "file+project"

    @staticmethod
    def of(check: bool, check_project: bool) -> Scope | None:
        """The scope implied by the functions a rule module defines (None: it defines neither)."""
        if check and check_project:
            return Scope.FILE_AND_PROJECT
        return Scope.FILE if check else Scope.PROJECT if check_project else None


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

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _span, (self.start, self.end, self.start_point, self.end_point)


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
    """A fix: its edits, or (`lazy`) a title whose edits the rule's `fix(ctx, finding)` builds
    from the file's tree when the fix is asked for."""

    title: str
    applicability: Applicability
    edits: tuple[TextEdit, ...]
    lazy: bool = False


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
    # What the rule's fix() needs beyond the file (a project rule's names, kinds): (key, value) pairs.
    data: tuple[tuple[str, Any], ...] = ()
    # Other places the finding is about, (path, span, message): an LSP diagnostic's relatedInformation.
    related: tuple[tuple[str, Span, str], ...] = ()

    def get(self, key: str, default: Any = None) -> Any:
        for k, v in self.data:
            if k == key:
                return v
        return default

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _finding, (self.code, self.path, self.span, self.message, self.fixes, self.severity, self.name,
                          self.data, self.related)

    def __hash__(self) -> int:
        # A run dedups tens of thousands of findings: hash what tells them apart (equal findings
        # agree on it) rather than every field, fixes and their edits included; == compares all.
        span = self.span
        return hash((self.code, self.path, span.start, span.end, self.message))

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

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _fact, (self.kind, self.path, self.span, self.value, self.data)

    def __hash__(self) -> int:
        # Each file's facts are deduplicated: hash what tells them apart (equal facts agree on
        # it) rather than every field; == still compares all of them.
        span = self.span
        return hash((self.kind, self.path, self.value, -1 if span is None else span.start))


#: the order findings are reported in (by file, then offset, then code), as a sort key in C
FINDING_ORDER = attrgetter("path", "span.start", "code")

T = TypeVar("T")


def new_frozen(cls: type[T], **fields: Any) -> T:
    """An instance of a frozen dataclass from all its field values, without the generated
    `__init__`'s `object.__setattr__` per field: for objects made by the ten thousand per run
    (per-rule contexts, routes). The caller passes every field; nothing is checked."""
    obj = object.__new__(cls)
    obj.__dict__.update(fields)
    return obj


# Spans, facts and findings cross from pool workers to the main process by the ten thousand (and
# go into the result cache): pickled as their field values and rebuilt as `new_frozen` builds
# (written out, as the hottest constructors), unpickling costs about half. The engine's own hot
# paths (`fact`, `FileContext.span`) build them the same way.
def _span(start: int, end: int, start_point: tuple[int, int], end_point: tuple[int, int]) -> Span:
    obj = object.__new__(Span)
    obj.__dict__.update(start=start, end=end, start_point=start_point, end_point=end_point)
    return obj


def _fact(kind: str, path: str, span: Span | None, value: str, data: tuple[tuple[str, Any], ...]) -> Fact:
    obj = object.__new__(Fact)
    obj.__dict__.update(kind=kind, path=path, span=span, value=value, data=data)
    return obj


def _finding(code: str, path: str, span: Span, message: str, fixes: tuple[Fix, ...], severity: Severity | None,
             name: str, data: tuple[tuple[str, Any], ...], related: tuple[tuple[str, Span, str], ...]) -> Finding:
    obj = object.__new__(Finding)
    obj.__dict__.update(code=code, path=path, span=span, message=message, fixes=fixes, severity=severity, name=name,
                        data=data, related=related)
    return obj


def fact(kind: str, path: str, span: Span | None = None, value: str = "", **data: Any) -> Fact:
    """Build a Fact with keyword data (kept sorted so equal facts hash equal)."""
    return _fact(kind, path, span, value, tuple(sorted(data.items())) if data else ())


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
    locale: bool = False  # a translation catalogue (`prodlint.roles.locale_path`, `catalogue_by_names`)
    #: a schema migration (Django, Alembic, Sequelize, TypeORM, Knex): run by the migrate tool, not
    #: serving requests, so non-production for the runtime rules; its literals are still judged as
    #: secrets by name (a data migration's admin password ships like app code)
    migration: bool = False


FILE_START = Span(0, 0, (0, 0), (0, 0))


def redact(secret: str) -> str:
    """A secret as it may be shown anywhere: its first and last four characters at most."""
    if len(secret) <= 8:
        return "…" if len(secret) <= 2 else secret[:1] + "…"
    keep = 4 if len(secret) >= 16 else 2
    return f"{secret[:keep]}…{secret[-keep:]}"


