"""Facts of readiness routes (`/readyz`, `/ready`, `/health/ready` …) whose handler reads no
shutdown state, for HLT003: the path as written, the framework, and whether a shutdown flag can
be written into that file (its own SIGTERM handler sets it; Python: a module-level route)."""

from __future__ import annotations

from collections.abc import Iterator

from prodlint.api import JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Fact, FileContext
from prodlint.appmodel import js_receiver_framework
from prodlint.syntax import string_content
from prodlint_rules._readiness import is_aware, js_handler, readiness_fix

TARGETS = (JAVASCRIPT, TYPESCRIPT, TSX, PYTHON)
RUNTIME = True  # describes the running app: not run on tests, scripts, examples (the engine skips them)

_READY = '"(readyz|ready|readiness|_ready)/?.$"'
QUERY = {lang: "((call_expression function: (member_expression object: (_) @obj property: (property_identifier) @method) "
               f"arguments: (arguments . (string) @path)) @call (#match? @path {_READY}) "
               '(#match? @method "^(get|all|head|route)$"))' for lang in (JAVASCRIPT, TYPESCRIPT, TSX)}
QUERY[PYTHON] = ("((decorated_definition (decorator (call function: (attribute attribute: (identifier) @method) "
                 f"arguments: (argument_list . (string) @path))) definition: (function_definition) @fn) @def "
                 f'(#match? @path {_READY}) (#match? @method "^(get|route|api_route|head)$"))')


#: every fact it makes on a language of QUERY comes from a match of it: the engine skips a file without one
FINDINGS_FROM_MATCHES = True


def facts(ctx: FileContext) -> Iterator[Fact]:
    """`readiness_route`, one per readiness route this file registers whose handler reads no
    shutdown state (Fastify's are left out: a closing Fastify server answers 503 itself)."""
    if ctx.tree is None or ctx.role.non_production:
        return
    for _, caps in ctx.matches:
        path_node = caps["path"][0]
        if ctx.language == PYTHON:
            handler, anchor = caps["fn"][0], caps["def"][0]
            framework = "fastapi" if ctx.text_of(caps["method"][0]) != "route" else "flask"
        else:
            anchor = caps["call"][0]
            owner = js_receiver_framework(ctx, caps["obj"][0])
            framework = owner[0] if owner else ""
            if framework == "fastify":
                continue  # a closing Fastify server answers 503 itself (return503OnClosing)
            handler = js_handler(ctx, anchor)
        if handler is None or is_aware(ctx, handler):
            continue
        yield ctx.fact("readiness_route", anchor, string_content(ctx, path_node), framework=framework,
                       fixable=readiness_fix(ctx, anchor, handler, framework) is not None)
