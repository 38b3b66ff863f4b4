"""Environment facts of a Next.js app's `next.config.*`: it runs at `next build` and `next start`
before any route, so it is where the app's startup check goes, and whether it validates the
environment counts as the app's.

Apart from `env` because, unlike the server's own reads, it is read wherever the project sits
(an app under `examples/` has its config too); it reads the tree, no query match.
"""

from __future__ import annotations

from collections.abc import Iterator

from prodlint.context import FileContext
from prodlint.core import Fact, FileRole
from prodlint.facts.env import is_next_config, validates_env
from prodlint.languages import JAVASCRIPT, TSX, TYPESCRIPT

TARGETS = (JAVASCRIPT, TYPESCRIPT, TSX)


def may_apply(language: str, relpath: str, source: bytes, role: FileRole) -> bool:
    """Only `next.config.*` gives facts."""
    return is_next_config(relpath)


def facts(ctx: FileContext) -> Iterator[Fact]:
    """`env_validation` when the config validates the environment; `startup` at its export (or
    its last statement). Its own reads (`ANALYZE`, build switches) are not the app's."""
    if ctx.tree is None or not is_next_config(ctx.relpath):
        return
    if validates_env(ctx.language, ctx.text):
        yield ctx.fact("env_validation", None, ctx.relpath)
    statements = [c for c in ctx.tree.root_node.named_children if c.type != "comment"]
    exported = [c for c in statements if c.type == "export_statement" and ctx.text_of(c).startswith("export default")
                or c.type == "expression_statement" and ctx.text_of(c).startswith("module.exports")]
    if exported or statements:
        yield ctx.fact("startup", (exported or statements)[-1], ctx.relpath)
