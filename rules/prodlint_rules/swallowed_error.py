"""
## What it does
Flags an error that is caught and thrown away: an empty `catch {}` (or one holding only a
comment) in JavaScript/TypeScript, and `except: pass`, `except Exception: pass` or
`except BaseException: pass` (also with `...`) in Python.

A comment that says the error is ignored on purpose (`// ignore: the file may not exist`,
`# best effort`, `/* empty */`), or why or when that is fine, in words of its own
(`// Redis unavailable — skip caching`, `// Invalid date format`, `// email inputs reject
setSelectionRange`), marks the block as deliberate and is left alone, as are handlers of a
specific exception (`except KeyError: pass`), tests, scripts, examples and minified bundles
committed with the code (`static/assets/*.js`). An empty comment, a line of code commented out
(`// console.error(err);`), `// TODO`, `// handle error` and `// should not happen` do not.

## Why is this bad?
The request that failed returns as if it worked, the job that crashed reports success, and
nothing reaches the logs: the first sign of the bug is a customer's complaint, and there is no
trace to debug it with.

## Example
```js
try {
  await sendReceipt(order);
} catch (err) {}
```

Use instead:
```js
try {
  await sendReceipt(order);
} catch (err) {
  logger.error(err);
}
```

## Fix safety
The fix logs the error: with the file's logger when it has one (`logger.error(err)`,
`logger.exception(...)`), else `console.error(err)` / `logging.exception(...)` (adding
`import logging`). It names the caught error `err` when the `catch` has no binding. It is unsafe:
it adds output, which in a hot loop may be a lot.

## References
- [ESLint: no-empty](https://eslint.org/docs/latest/rules/no-empty)
- [Ruff: try-except-pass (S110)](https://docs.astral.sh/ruff/rules/try-except-pass/)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.api import JAVASCRIPT, PYTHON, TSX, TYPESCRIPT, Applicability, FileContext, Finding, Rule, Scope, Severity
from prodlint.appmodel import js_logger, py_logger
from prodlint.syntax import indent_unit, python_import_edit, quote_style, uses_semicolons

RULE = Rule(
    code="ERR004",
    name="swallowed-error",
    category="2",
    scope=Scope.FILE,
    targets=frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON}),
    severity=Severity.WARNING,
    fix="log the caught error (with the file's logger when it has one)",
)

QUERY = {lang: "((catch_clause body: (statement_block) @body) @catch)" for lang in (JAVASCRIPT, TYPESCRIPT, TSX)}
QUERY[PYTHON] = "((except_clause) @except)"

DELIBERATE = re.compile(
    r"ignor|intentional|deliberate|on purpose|expected|no-?op|best[- ]effort|safe to|swallow|don'?t care|"
    r"not (found|needed|important|critical|fatal)|(does ?n[o']t|may not|might not) exist|optional|fall ?back|"
    r"nothing to do|already|fine|silent|harmless|unsupported|not supported|eslint-disable|noqa|pragma|handled|"
    r"logged|reported|elsewhere|upstream|by the caller|retry|retried|keep|leave|instead|default|as[ -]is|unchanged|"
    # a reason, or the case that is accepted: `// Redis unavailable — skip caching`, `// Invalid date
    # format`, `// must never break the app`, `// the error response must be returned regardless`
    r"skip|regardless|must (not|never)|never (break|block|prevent|stop|affect|interfere)|"
    r"(is|are|it'?s) ok|ok (if|to)|do nothing|^\W*empty\W*$|opportunistic|unavailable|invalid|unparsable|"
    r"unparseable|not (json|valid|parsable|parseable)|probably|remains?|authoritative|(does ?n[o']t|not) matter",
    re.I,
)
#: what a comment says that only asks for handling, or that the error cannot happen: no reason
_NO_REASON = re.compile(
    r"\b(todo|fixme|xxx|hack|tbd)\b|\bhandle\b|should ?(n'?t|not) (happen|occur|be (reached|possible))|"
    r"(can'?t|cannot|never) (happen|occur)|\bimpossible\b|\bunreachable\b|"
    r"^(log|report|alert|notify|print|show|display|throw|raise|rethrow)\b", re.I)
#: a comment that is a line of code put out of action (`// console.error(err);`, `# raise`)
_CODE = re.compile(
    r"[;{}]$|^[\w$.\[\]'\"]+\s*\(.*\)$|^[\w$.\[\]'\"]+\s*[-+*/]?=[^=]|"
    r"^(const|let|var|return|throw|await|raise|if|else|elif|for|while|import|from|def|function)\b")
_COMMENT_MARKS = re.compile(r"^\s*(//+|/\*+|#+)|\*+/\s*$")
_WORD = re.compile(r"\b[^\W\d_]{2,}(?:'[^\W\d_]+)?\b")


def explains(comment: str) -> bool:
    """Whether a comment in a handler that does nothing says why that is fine: a word of
    `DELIBERATE` (`// ignore`, `/* empty */`), or a sentence of two words or more
    (`// email inputs reject setSelectionRange`, `// Proceed without saving the panel width`).
    A line of code put out of action, a TODO, `handle error` and "should not happen" give no
    reason; nor does a rule code (`ok: ERR004`), which is no word."""
    if DELIBERATE.search(comment):
        return True
    lines = [_COMMENT_MARKS.sub("", line).strip(" \t*") for line in comment.splitlines()]
    text = " ".join(line for line in lines if line)
    if not text or _NO_REASON.search(text) or any(_CODE.search(line) for line in lines if line):
        return False
    return len(_WORD.findall(text)) >= 2


BROAD = {"Exception", "BaseException", "builtins.Exception"}


#: every finding `check` makes on a language of QUERY is a match of it: the engine skips a file without one
FINDINGS_FROM_MATCHES = True


def check(ctx: FileContext) -> Iterator[Finding]:
    if ctx.language == PYTHON:
        for clause in ctx.captures("except"):
            finding = _check_except(ctx, clause)
            if finding is not None:
                yield finding
        return
    for _, caps in ctx.matches:
        finding = _check_catch(ctx, caps["catch"][0], caps["body"][0])
        if finding is not None:
            yield finding


# ------------------------------------------------------------------ JavaScript / TypeScript

def _check_catch(ctx: FileContext, clause, body) -> Finding | None:
    close = next((c for c in reversed(body.children) if c.type == "}"), None)
    if close is None:
        return None
    inside = [c for c in body.named_children if c.end_byte <= close.start_byte]
    comments = [c for c in inside if c.type == "comment"]
    if len(comments) != len(inside):
        return None
    if any(explains(ctx.text_of(c)) for c in comments):
        return None
    param = clause.child_by_field_name("parameter")
    what = "Empty `catch` block" if not comments else "`catch` block holding only a comment"
    if ctx.role.client or _browser_idiom(ctx, clause):
        # In the browser an empty catch around storage, pointer capture or a speech-recognition
        # restart is the idiom (the API throws where nothing can be done): a hint, and a fix that
        # says so.
        ind, u, nl = ctx.indent_at(clause.start_byte), indent_unit(ctx), ctx.newline
        lines = [ctx.text_of(c) for c in comments] + ["// best effort: the browser API may throw here"]
        note = ctx.fix("Mark it as best effort (the browser API may throw; nothing to do)", Applicability.SAFE,
                       ctx.replace(ctx.span_of(body.start_byte, close.end_byte),
                                   "{" + "".join(f"{nl}{ind}{u}{line}" for line in lines) + f"{nl}{ind}}}"))
        message = f"{what} in browser code swallows the error: say why it is safe to ignore, or log it"
        return ctx.finding(clause.child(0), message, [note] + _catch_fix(ctx, clause, body, close, param, comments),
                           severity=Severity.HINT)
    message = f"{what} swallows the error: the failure vanishes without a trace"
    return ctx.finding(clause.child(0), message, _catch_fix(ctx, clause, body, close, param, comments))


_BROWSER_API = re.compile(r"\b(localStorage|sessionStorage|indexedDB|setPointerCapture|releasePointerCapture|"
                          r"requestFullscreen|exitFullscreen|navigator\.|document\.|window\.|"
                          r"[Rr]ecognition\.(start|stop|abort)|speechSynthesis|AudioContext|\.play\(\))")


def _browser_idiom(ctx: FileContext, clause) -> bool:
    """The guarded block calls a browser API (storage, pointer capture, fullscreen, speech)."""
    statement = clause.parent
    block = statement.child_by_field_name("body") if statement is not None else None
    return block is not None and _BROWSER_API.search(ctx.text_of(block)) is not None


def _catch_fix(ctx: FileContext, clause, body, close, param, comments):
    edits = []
    if param is None:
        name = "err"
        edits.append(ctx.insert(clause.child(0).end_byte, f" ({name})"))
    elif param.type == "identifier":
        name = ctx.text_of(param)
    else:
        return []
    ind, u, nl = ctx.indent_at(clause.start_byte), indent_unit(ctx), ctx.newline
    semi = ";" if uses_semicolons(ctx) else ""
    logger = js_logger(ctx)
    log = f"{logger}.error({name}){semi}" if logger else f"console.error({name}){semi}"
    lines = [ctx.text_of(c) for c in comments] + [log]
    edits.append(ctx.replace(ctx.span_of(body.start_byte, close.end_byte), "{" + "".join(f"{nl}{ind}{u}{line}" for line in lines) + f"{nl}{ind}}}"))
    title = f"Log the error with {logger}.error()" if logger else "Log the error with console.error()"
    return [ctx.fix(title, Applicability.UNSAFE, *edits)]


# ------------------------------------------------------------------ Python

def _check_except(ctx: FileContext, clause) -> Finding | None:
    block = next((c for c in clause.named_children if c.type == "block"), None)
    if block is None:
        return None
    caught = next((c for c in clause.named_children if c.type not in ("block", "comment")), None)
    type_node = caught.named_children[0] if caught is not None and caught.type == "as_pattern" else caught
    if type_node is not None and ctx.text_of(type_node) not in BROAD:
        return None
    statements = [c for c in block.named_children if c.type != "comment"]
    if not statements or not all(_is_noop(ctx, s) for s in statements):
        return None
    comments = [c for c in clause.named_children if c.type == "comment"] + \
               [c for c in block.named_children if c.type == "comment"]
    if any(explains(ctx.text_of(c)) for c in comments):
        return None
    shown = "except" if type_node is None else f"except {ctx.text_of(type_node)}"
    message = f"`{shown}: {ctx.text_of(statements[0])}` swallows the error: the failure vanishes without a trace"
    return ctx.finding(clause.child(0), message, _except_fix(ctx, statements))


def _is_noop(ctx: FileContext, node) -> bool:
    if node.type == "pass_statement":
        return True
    return node.type == "expression_statement" and ctx.text_of(node) == "..."


def _except_fix(ctx: FileContext, statements):
    q = quote_style(ctx)
    logger = py_logger(ctx)
    target = logger or "logging"
    edits = [ctx.replace(statements[0], f"{target}.exception({q}Unexpected error{q})")]
    for extra in statements[1:]:
        edits.append(ctx.replace(extra, "pass"))
    if logger is None:
        imp = python_import_edit(ctx, "logging")
        if imp is not None:
            edits.insert(0, imp)
    return [ctx.fix(f"Log the error with {target}.exception()", Applicability.UNSAFE, *edits)]
