"""Facts of console output in server code, for LOG001: each `console.*()` / `print()` call that
should go through a logger, with the titles of the fixes that apply to it (the rule builds the one
it offers when it is asked for: no edits are kept in facts)."""

from __future__ import annotations

from collections.abc import Iterator

from prodlint.api import JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Fact, FileContext
from prodlint_rules._console_calls import candidates

TARGETS = (JAVASCRIPT, TYPESCRIPT, TSX, PYTHON)
RUNTIME = True  # describes the running app: not run on tests, scripts, examples (the engine skips them)

_JS_METHODS = "^(log|info|warn|error|debug|dir|trace)$"
QUERY = {lang: "((call_expression function: (member_expression object: (identifier) @obj "
               f"property: (property_identifier) @method) arguments: (arguments)) @call "
               f'(#eq? @obj "console") (#match? @method "{_JS_METHODS}"))' for lang in (JAVASCRIPT, TYPESCRIPT, TSX)}
QUERY[PYTHON] = '((call function: (identifier) @fn arguments: (argument_list)) @call (#eq? @fn "print"))'


#: every fact it makes on a language of QUERY comes from a match of it: the engine skips a file without one
FINDINGS_FROM_MATCHES = True


def facts(ctx: FileContext) -> Iterator[Fact]:
    """`console_call`, one per candidate call, with the titles of its fixes (no edits)."""
    for cand in candidates(ctx, list(ctx.captures("call"))):
        yield ctx.fact("console_call", cand.call, cand.method, language=cand.language, next_server=cand.next_server,
                       message=cand.message,
                       logger_styles=tuple(offer.key for offer in cand.offers),
                       logger_titles=tuple(offer.title for offer in cand.offers),
                       logger_applicabilities=tuple(offer.applicability.value for offer in cand.offers),
                       add_title=cand.add_title, import_title=cand.import_title, creates=cand.creates)
