"""Facts built on the extractors' hot paths: a run makes tens of thousands of `import`,
`module_call`, `dependency` and `script` facts, and `FileContext.fact` builds a keyword dict and
sorts it for each. These build the same `Fact` from data already in the order `fact` sorts it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prodlint.core import Fact, _fact

if TYPE_CHECKING:
    import tree_sitter as ts

    from prodlint.context import FileContext


def file_fact(ctx: FileContext, kind: str, value: str, data: tuple[tuple[str, Any], ...] = ()) -> Fact:
    """`ctx.fact(kind, None, value, **dict(data))`: about the whole file, with `data` whose keys are
    already in sorted order (as for `sorted_fact`)."""
    return _fact(kind, ctx.path, None, value, data)


def sorted_fact(ctx: FileContext, kind: str, node: ts.Node, value: str, data: tuple[tuple[str, Any], ...]) -> Fact:
    """`ctx.fact(kind, node, value, **dict(data))` for `data` whose keys are already in sorted
    order (the caller writes them so; a test compares both ways of building)."""
    return _fact(kind, ctx.path, ctx.span(node), value, data)
