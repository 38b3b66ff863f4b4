"""Edits that several fixes write: a runtime dependency added to package.json from the project's
`dependency` facts (a fix that imports a package declares it in the same edit, and no rule re-reads
package.json), and an import placed after a JS/TS file's leading imports."""

from __future__ import annotations

import os

from prodlint.api import FileContext, ProjectContext, TextEdit


def dependency_edit(project: ProjectContext, name: str, version: str) -> TextEdit | None:
    """`"name": "version",` inserted among the package's runtime dependencies (before the first one
    that sorts after it, else before the first); None when package.json lists none to anchor on."""
    manifest = os.path.join(project.root, "package.json")
    runtime = [f for f in project.facts("dependency") if f.path == manifest and not f.get("dev") and f.span]
    if not runtime:
        return None
    later = [f for f in runtime if f.value > name]
    anchor = min(later or runtime, key=lambda f: f.span.start)
    indent = " " * anchor.span.start_point[1]
    return TextEdit(manifest, anchor.span.start, anchor.span.start, f'"{name}": "{version}",\n{indent}')


def js_import_edit(ctx: FileContext, line: str) -> TextEdit:
    """`line` after the file's leading imports and requires (after its directives otherwise)."""
    nl = ctx.newline
    anchor = None
    for child in ctx.tree.root_node.named_children:
        text = ctx.source[child.start_byte:child.end_byte]
        if child.type == "import_statement" or (child.type in ("lexical_declaration", "variable_declaration",
                                                                "expression_statement") and b"require(" in text):
            anchor = child
        elif child.type == "expression_statement" and anchor is None and child.named_children \
                and child.named_children[0].type == "string":
            anchor = child  # "use strict"
        elif child.type not in ("comment", "hash_bang_line"):
            break
    if anchor is None:
        return ctx.insert(0, line + nl + nl)
    return ctx.insert(anchor.end_byte, nl + line)
