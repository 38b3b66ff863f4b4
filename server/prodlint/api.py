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

from prodlint.context import FileContext, ProjectContext  # noqa: F401
from prodlint.core import (  # noqa: F401
    ENSURE_LINES, FILE_START, REPLACE, Applicability, Fact, FileRole, Finding, Fix, Match, Rule, Scope, Severity,
    Span, TextEdit, fact, redact,
)
from prodlint.languages import (  # noqa: F401  (re-exported for rules)
    COMPOSE, DOCKERFILE, DOTENV, GITIGNORE, JAVASCRIPT, JS_LIKE, JSON, PROCFILE, PYTHON, TSX,
    TYPESCRIPT, comment_prefix,
)

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
    JS_DB_CLIENTS, PY_DB_CLIENTS, call_statement, indent_unit, js_call_name, js_db_clients, js_declarations, js_imports, js_logger,
    py_assignments, py_call_name, py_db_clients, py_imports, py_logger, statement_of, unwrap_js, uses_semicolons,
    walk_types, JS_FRAMEWORK_MODULES, js_frameworks, js_object_framework, js_server_objects,
    js_receiver_framework, end_of_line_after, DockerInstruction, dockerfile_instructions,
)
from prodlint.syntax import (  # noqa: E402,F401  (rule pack 2: Python entry points)
    py_flask_app, python_script_starts,
)
