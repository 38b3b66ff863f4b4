"""The rule contract, the one module of the engine rules import it from: rule metadata, findings,
fixes, facts, the contexts rules read and the project views. Helpers live in their own modules
(`prodlint.syntax` tree helpers, `prodlint.appmodel` the JS/Python app model, `prodlint.envreads`
environment reads and their fallbacks, `prodlint.lineformats` Dockerfile and .env readers); the
fact kinds are declared in `prodlint.facts.kinds`.

A rule module holds, in order: its docstring (the user documentation), `RULE = Rule(...)`, an
optional `QUERY` (a dict language -> tree-sitter query source; each pattern wrapped with its
predicates in outer parentheses), and what its scope says it defines:

- `check(ctx: FileContext) -> Iterable[Finding]` — `Scope.FILE`; `ctx.matches` holds only this
  rule's query matches (within `ctx.byte_range` when the server re-lints an edited region);
- `check_project(project: ProjectContext) -> Iterable[Finding]` — `Scope.PROJECT`, a pure function
  of the project's facts read through its views (`apps()`, `routes()`, `entry_points()` …); it
  offers fixes by title (`project.offer`) and `fix(ctx, finding)` builds them from the anchored
  file's tree when they are asked for;
- both — `Scope.FILE_AND_PROJECT`.

A file rule whose every finding, on the languages of its QUERY, is a match of that query sets
`FINDINGS_FROM_MATCHES = True`: the engine then never calls `check` on such a file without a match
(most files), and a contract test runs it without matches on every example file to hold it to that.

Rules emit no facts: project knowledge is declared and extracted once, in `prodlint.facts`.
Byte offsets are the engine's unit; positions are derived at the edges (CLI, LSP).
"""

from __future__ import annotations

from prodlint.context import FileContext, ProjectContext, SourceFile  # noqa: F401
from prodlint.core import (  # noqa: F401
    ENSURE_LINES, FILE_START, REPLACE, Applicability, Fact, FileRole, Finding, Fix, Match, Rule, Scope, Severity,
    Span, TextEdit, fact, redact,
)
from prodlint.facts.views import App, Client, DeployFile, EntryPoint, EnvRead, Route  # noqa: F401
from prodlint.languages import (  # noqa: F401  (re-exported for rules)
    COMPOSE, DOCKERFILE, DOTENV, GITIGNORE, JAVASCRIPT, JS_LIKE, JSON, PROCFILE, PYTHON, TSX,
    TYPESCRIPT, comment_prefix,
)
