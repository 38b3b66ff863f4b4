"""Facts of console output in server code, for LOG001: each `console.*()` / `print()` call that
should go through a logger, with the titles of the fixes that apply to it (the rule builds the one
it offers when it is asked for: no edits are kept in facts)."""

from __future__ import annotations

from collections.abc import Iterator

from prodlint.api import JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Fact, FileContext
from prodlint_rules._console_calls import candidates

TARGETS = (JAVASCRIPT, TYPESCRIPT, TSX, PYTHON)

_JS_METHODS = "^(log|info|warn|error|debug|dir|trace)$"
QUERY = {lang: "((call_expression function: (member_expression object: (identifier) @obj "
               f"property: (property_identifier) @method) arguments: (arguments)) @call "
               f'(#eq? @obj "console") (#match? @method "{_JS_METHODS}"))' for lang in (JAVASCRIPT, TYPESCRIPT, TSX)}
QUERY[PYTHON] = '((call function: (identifier) @fn arguments: (argument_list)) @call (#eq? @fn "print"))'


def facts(ctx: FileContext) -> Iterator[Fact]:
    """`console_call`, one per candidate call."""
    for cand in candidates(ctx, list(ctx.captures("call"))):
        yield ctx.fact("console_call", cand.call, cand.method, language=cand.language, next_server=cand.next_server,
                       message=cand.message,
                       logger_styles=tuple(style for style, _ in cand.logger_fixes),
                       logger_titles=tuple(fix.title for _, fix in cand.logger_fixes),
                       logger_applicabilities=tuple(fix.applicability.value for _, fix in cand.logger_fixes),
                       add_title=cand.add_fix.title if cand.add_fix else "",
                       import_title=cand.import_fix.title if cand.import_fix else "",
                       creates=cand.creates)
