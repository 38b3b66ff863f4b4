"""ERR004's reading of the comment in a handler that does nothing: a reason in words of its own
marks it deliberate; a bare marker, a TODO, a wish to handle it, "cannot happen" or a line of code
put out of action does not."""

from __future__ import annotations

import pytest

from prodlint_rules.swallowed_error import explains

REASONS = [
    "// ignore: the file may not exist",
    "/* empty */",
    "// Invalid date format",
    "// email/number inputs reject setSelectionRange",
    "// MediaBox lookup can fail for malformed PDFs where the entry is not a valid PDFArray.",
    "// save failed, modal stays open",
    "// cross-origin - can't inspect, assume OK",
    "/* (DOMException) SecurityError: Access is denied for this document. */",
    "# the first request loads what preloading could not",
    "/*\n * Position may not be in the visible DOM\n * (e.g. inside a folded toggle)\n */",
]
NO_REASONS = [
    "//", "// ...", "/* */", "#", "// error", "/* later */",
    "// TODO", "// Todo: Teams - Alert us.", "// FIXME handle this properly", "// handle error",
    "// this should not happen", "// can't happen", "// log the error",
    "// console.error(err);", "//this.logger.debug('Contributors error:' + err?.['message']);",
    "# logger.exception(\"could not save the event\")", "# raise", "// result = null",
    "// ok: ERR004", "// expect: ERR004",
]


@pytest.mark.parametrize("comment", REASONS)
def test_a_reason_marks_the_handler_deliberate(comment: str) -> None:
    assert explains(comment)


@pytest.mark.parametrize("comment", NO_REASONS)
def test_no_reason_leaves_it_reported(comment: str) -> None:
    assert not explains(comment)
