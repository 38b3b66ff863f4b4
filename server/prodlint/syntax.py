"""Generic tree helpers: walking and indexing nodes, strings, callee names, bindings, the file's
style (quotes, indent, semicolons) and where an insertion goes. What a rule knows about apps is in
`prodlint.appmodel`; line formats (Dockerfile, .env) in `prodlint.lineformats`. They read nodes
of the official JavaScript/TypeScript/Python grammars; each says which.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from operator import eq as _eq, neg as _neg
from typing import TYPE_CHECKING

from prodlint.languages import PYTHON

if TYPE_CHECKING:
    import tree_sitter as ts

    from prodlint.context import FileContext
    from prodlint.core import TextEdit

JS_STRINGS = frozenset({"string", "template_string"})
FUNCTION_TYPES = frozenset({
    "function_declaration", "function_expression", "arrow_function", "method_definition",
    "generator_function_declaration", "generator_function", "function_definition", "lambda",
})


def ancestors(node: ts.Node) -> Iterator[ts.Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def ancestor_list(ctx: FileContext, node: ts.Node) -> list[ts.Node]:
    """`node`'s ancestors, innermost first, as `ancestors` climbs them, but found from the
    root down: `.parent` itself searches down from the root, so a climb costs a search per step."""
    assert ctx.tree is not None
    chain: list[ts.Node] = []
    current, target = ctx.tree.root_node, node.id
    while current is not None and current.id != target:
        chain.append(current)
        current = current.child_with_descendant(node)
    if current is None:  # not reached from the root: climb
        return list(ancestors(node))
    chain.reverse()
    return chain


def enclosing(node: ts.Node, types: frozenset[str] | set[str]) -> ts.Node | None:
    for parent in ancestors(node):
        if parent.type in types:
            return parent
    return None


def enclosing_function(node: ts.Node) -> ts.Node | None:
    return enclosing(node, FUNCTION_TYPES)


def string_content(ctx: FileContext, node: ts.Node) -> str:
    """The text of a string literal between its quotes (template/f-string text included raw)."""
    text = ctx.text_of(node)
    if ctx.language == PYTHON and node.type != "template_string":
        m = re.match(r"^[rRbBuUfF]{0,2}('''|\"\"\"|'|\")", text)
        if m:
            q = m.group(1)
            return text[m.end(): len(text) - len(q)] if text.endswith(q) and len(text) >= m.end() + len(q) else text[m.end():]
    return _unquoted(text, node.type)


def quoted_content(data: bytes, node: ts.Node) -> str:
    """`string_content` of a JavaScript/JSON string or template node, from the file's bytes (no
    context needed: for readers of every file, such as imports)."""
    return _unquoted(data[node.start_byte:node.end_byte].decode("utf-8", "replace"), node.type)


def _unquoted(text: str, node_type: str) -> str:
    if node_type == "template_string":
        return text[1:-1]
    if len(text) >= 2 and text[0] in "\"'`" and text[-1] == text[0]:
        return text[1:-1]
    return text


_FIELD_IDS: dict[tuple[str, tuple[str, ...]], tuple[int | None, ...]] = {}


def field_ids(ctx: FileContext, *names: str) -> tuple[int | None, ...]:
    """The ids of field `names` in the file's grammar (None: no such field), for
    `child_by_field_id`, which skips the lookup of the name `child_by_field_name` makes on
    every call."""
    key = (ctx.language, names)
    ids = _FIELD_IDS.get(key)
    if ids is None:
        assert ctx.tree is not None
        ids = _FIELD_IDS[key] = tuple(ctx.tree.language.field_id_for_name(name) for name in names)
    return ids


def callee_text(ctx: FileContext, call: ts.Node) -> str:
    """`a.b.c` of a call `a.b.c(...)` (JS call_expression / new_expression, Python call)."""
    fn = call.child_by_field_name("function") or call.child_by_field_name("constructor")
    return ctx.text_of(fn) if fn is not None else ""


def enclosing_call(node: ts.Node) -> ts.Node | None:
    """The call whose argument list (directly) holds `node`, if any."""
    parent = node.parent
    while parent is not None and parent.type in ("arguments", "argument_list", "keyword_argument",
                                                 "spread_element", "parenthesized_expression",
                                                 "binary_expression", "template_substitution"):
        parent = parent.parent
    if parent is not None and parent.type in ("call_expression", "new_expression", "call"):
        return parent
    return None


def is_docstring(node: ts.Node) -> bool:
    """A Python string that is a statement by itself (module/class/function docstring)."""
    parent = node.parent
    return parent is not None and parent.type == "expression_statement" and parent.named_child_count == 1


_CAMEL_HUMP = re.compile(r"([a-z0-9])([A-Z])")
_ACRONYM_END = re.compile(r"([A-Z]+)([A-Z][a-z])")
_NOT_WORD = re.compile(r"[^A-Za-z0-9]+")


def screaming_snake(name: str) -> str:
    """`apiBaseUrl` / `api-base-url` / `API_BASE_URL` → `API_BASE_URL`."""
    name = _CAMEL_HUMP.sub(r"\1_\2", name)
    name = _ACRONYM_END.sub(r"\1_\2", name)
    return _NOT_WORD.sub("_", name).strip("_").upper()


def binding_name(ctx: FileContext, node: ts.Node) -> str | None:
    """The name a value is bound to: variable, property/pair key, keyword argument, dict key,
    assignment target (`a.b = …` gives `b`); None when the value is not bound directly."""
    parent = node.parent
    while parent is not None and parent.type in ("parenthesized_expression", "as_expression",
                                                 "satisfies_expression", "array", "list", "binary_expression"):
        parent = parent.parent
    if parent is None:
        return None
    target = None
    if parent.type == "variable_declarator":
        target = parent.child_by_field_name("name")
    elif parent.type == "pair":
        target = parent.child_by_field_name("key")
    elif parent.type == "keyword_argument":
        target = parent.child_by_field_name("name")
    elif parent.type in ("assignment_expression", "assignment", "augmented_assignment", "public_field_definition",
                         "field_definition", "property_signature"):
        target = parent.child_by_field_name("left") or parent.child_by_field_name("name") \
            or parent.child_by_field_name("property")
    if target is None:
        return None
    text = ctx.text_of(target).strip("'\"")
    return re.split(r"[.\[\]]", text.rstrip("]").rstrip("'\""))[-1].strip("'\"") or None


def file_search(ctx: FileContext, pattern: re.Pattern) -> re.Match | None:
    """`pattern.search` over the whole file (its bytes, or its text for a str pattern), once per
    file and pattern: facts and fixes ask the same question of the file for every call or
    finding, and a file of thousands of them paid a search of the file each."""
    return ctx.memo(("file_search", pattern),
                    lambda: pattern.search(ctx.source if isinstance(pattern.pattern, bytes) else ctx.text))


def quote_style(ctx: FileContext) -> str:
    """The file's preferred string quote (by count of plain string literals), counted once per
    file: every fix that writes a string asks."""
    return ctx.memo("quote_style", lambda: "'" if ctx.source.count(b"'") > ctx.source.count(b'"') else '"')


def python_import_edit(ctx: FileContext, module: str = "os") -> TextEdit | None:
    """An edit adding `import <module>` to a Python file that lacks it, after the docstring,
    `from __future__` and the leading imports (never above a shebang, an encoding line or the
    docstring: a `from __future__` import must stay first); None when it is already imported.
    The same edit for every fix of the file: worked out once per file and module, as a file of
    many findings asked it per finding, each a walk of the file's top level."""
    return ctx.memo(f"python_import_edit:{module}", lambda: _python_import_edit(ctx, module))


def _python_import_edit(ctx: FileContext, module: str) -> TextEdit | None:
    assert ctx.tree is not None
    root = ctx.tree.root_node
    for child in root.named_children:
        if child.type == "import_statement":
            names = [ctx.text_of(n).split(" as ")[0].strip() for n in child.named_children]
            if module in names or any(n.startswith(module + ".") for n in names if " as " not in n):
                return None
    insert_after = None
    seen_statement = False
    for child in root.named_children:
        if child.type == "comment":
            if not seen_statement and insert_after is None:
                insert_after = child if ctx.text_of(child).startswith(("#!", "# -*-", "# vim:")) \
                    or re.match(r"#.*coding[:=]", ctx.text_of(child)) else insert_after
            continue
        if child.type in ("import_statement", "import_from_statement", "future_import_statement"):
            insert_after = child
        elif child.type == "expression_statement" and not seen_statement and child.named_children \
                and is_docstring(child.named_children[0]):
            insert_after = child
        else:
            break
        seen_statement = True
    nl = ctx.newline
    if insert_after is None:
        return ctx.insert(0, f"import {module}{nl}")
    return ctx.insert(insert_after.end_byte, f"{nl}import {module}")


def _memo(fn):
    """Cache a helper's result in the file's declared cache (one parse, many rules and fact modules)."""
    key = fn.__module__ + "." + fn.__name__

    @functools.wraps(fn)
    def wrapper(ctx):
        memo = ctx.file._memo  # `FileContext.memo`, without a closure made on every call
        value = memo.get(key, _UNSET)  # not a KeyError raised on each file's first call: it costs more
        if value is _UNSET:
            value = memo[key] = fn(ctx)
        return value

    return wrapper


_UNSET = object()


def _walk_types(root: ts.Node, types: set[str] | frozenset[str]) -> Iterator[ts.Node]:
    """Pre-order walk in Python: for small subtrees only (a whole file is far faster through
    the per-file node index below)."""
    cursor = root.walk()
    reached = False
    while True:
        if not reached:
            if cursor.node.type in types:
                yield cursor.node
            if cursor.goto_first_child():
                continue
        if cursor.goto_next_sibling():
            reached = False
            continue
        if not cursor.goto_parent() or cursor.node == root:
            return
        reached = True


#: node types the per-file index holds: the ones helpers and rules ask for, with the file's
#: context, in most files (every indexed node is one more capture of the combined query's pass:
#: a type asked for only in a few files is walked there). Every function and class is held too
#: (`SCOPE_TYPES`): naming the function that holds a call (`prodlint.facts.limits`) then reads
#: them from the index by their bytes instead of climbing from each call, where a climb costs a
#: search down from the root per step, and they are few (about one per file of the public apps)
INDEXED_TYPES = frozenset({
    "call_expression", "variable_declarator", "import_statement", "import_from_statement", "assignment",
    "function_declaration", "arrow_function", "function_expression", "await_expression", "for_in_statement",
    "template_string", "call",
    "generator_function_declaration", "method_definition", "class_declaration", "class", "function_definition",
    "class_definition",
})
#: the functions, methods and classes of the grammars (every one of them is indexed)
SCOPE_TYPES = frozenset({
    "function_declaration", "generator_function_declaration", "arrow_function", "function_expression",
    "method_definition", "class_declaration", "class", "function_definition", "class_definition",
})
#: indexed types whose name is also an anonymous token's (the `class` keyword): a walk finds the
#: tokens too, the index only the named nodes, so `walk_types` walks for them
_ALSO_TOKENS = frozenset({"class"})
_ANSWERED_BY_INDEX = INDEXED_TYPES - _ALSO_TOKENS


def node_index_types(language: str) -> tuple[str, ...]:
    """The indexed types `language`'s grammar has, in the order of their patterns."""
    from prodlint.parsing import grammar

    lang = grammar(language)
    return tuple(sorted(t for t in INDEXED_TYPES if lang.id_for_node_kind(t, True) is not None))


def node_index_pattern(language: str) -> str:
    """The query patterns capturing every indexed node, one per type in `node_index_types`'
    order (appended to the combined query: a match's pattern then says its node's type, which
    costs less than asking the node), or "" for a grammar without such nodes (JSON)."""
    return "\n".join(f"({t}) @n" for t in node_index_types(language))


def _types_query(language: str):
    from prodlint.parsing import compile_query

    return compile_query(language, node_index_pattern(language))


class IndexCaptures:
    """The indexed nodes the combined query's pass captured, in the order it captured them, with
    the pattern that captured each: the index's patterns start at `first` and go by `types`."""

    __slots__ = ("nodes", "patterns", "first", "types")

    def __init__(self, nodes: list[ts.Node], patterns: list[int], first: int, types: tuple[str, ...]) -> None:
        self.nodes, self.patterns, self.first, self.types = nodes, patterns, first, types

    def by_type(self) -> dict[str, list[int]]:
        """Positions in `nodes` by node type, each in order."""
        lists: list[list[int]] = [[] for _ in self.types]
        first = self.first
        for i, pattern in enumerate(self.patterns):
            lists[pattern - first].append(i)
        return {t: positions for t, positions in zip(self.types, lists) if positions}


def seed_node_index(ctx: FileContext, captured: IndexCaptures | None) -> None:
    """Give the file the nodes the combined query's pass captured, for its node index: built
    from them when first asked (`node_index_of`), as most files of an app (components, tests)
    have no rule or fact module asking."""
    if captured is not None:
        ctx.file._memo["node_index.captured"] = captured


def node_index(ctx: FileContext) -> tuple[list[int], list[ts.Node]]:
    """Every node of an indexed type in the file, in pre-order, found by one query (C speed)
    and kept on the FileContext: rules and fact modules then look nodes up instead of each
    walking the tree in Python. (start bytes, nodes)."""
    index = node_index_of(ctx)
    return index.starts, index.nodes


class NodeIndex:
    """The indexed nodes of one file in document order (by start, outer first), with their start
    bytes and their positions by type. End bytes are read only when a subtree is asked about:
    most questions are about the whole file, and reading a node's end costs more than its start."""

    __slots__ = ("root_id", "nodes", "starts", "by_type", "_ends")

    def __init__(self, root_id: int, nodes: list[ts.Node], starts: list[int], by_type: dict[str, list[int]],
                 ends: list[int] | None) -> None:
        self.root_id, self.nodes, self.starts, self.by_type, self._ends = root_id, nodes, starts, by_type, ends

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._ends = [n.end_byte for n in self.nodes]
        return self._ends


def _build_node_index(ctx: FileContext, captured: IndexCaptures | None = None) -> NodeIndex:
    """The file's `NodeIndex`, from the nodes captured by the combined query's pass (else from a
    query of its own)."""
    import tree_sitter as _ts

    assert ctx.tree is not None
    if captured is None:
        nodes = _ts.QueryCursor(_types_query(ctx.language)).captures(ctx.tree.root_node).get("n", [])
    else:
        nodes = captured.nodes
    starts = [n.start_byte for n in nodes]
    ends = None
    if not _in_document_order(nodes, starts):  # captures usually come in this order already
        ends = [n.end_byte for n in nodes]
        keys = list(zip(starts, map(_neg, ends)))
        order = sorted(range(len(nodes)), key=keys.__getitem__)
        nodes, starts, ends = [nodes[i] for i in order], [starts[i] for i in order], [ends[i] for i in order]
        captured = None  # the types by pattern no longer line up
    by_type: dict[str, list[int]]
    if captured is not None:
        by_type = captured.by_type()
    else:
        by_type = {}
        for i, kind in enumerate([n.type for n in nodes]):
            positions = by_type.get(kind)
            if positions is None:
                by_type[kind] = [i]
            else:
                positions.append(i)
    return NodeIndex(ctx.tree.root_node.id, nodes, starts, by_type, ends)


def _in_document_order(nodes: list[ts.Node], starts: list[int]) -> bool:
    """Whether the nodes are sorted by (start, -end): starts never decrease (one pass of a sort
    over sorted input), and of two nodes starting at the same byte the outer one comes first."""
    if starts != sorted(starts):
        return False
    ties = _compress(range(len(starts) - 1), map(_eq, starts, _islice(starts, 1, None)))
    return all(nodes[i].end_byte >= nodes[i + 1].end_byte for i in ties)


from bisect import bisect_left as _bisect_left, bisect_right as _bisect_right  # noqa: E402
from itertools import chain as _chain, compress as _compress, islice as _islice  # noqa: E402


def walk_types(root: ts.Node, types: set[str] | frozenset[str], ctx: FileContext | None = None) -> Iterator[ts.Node]:
    """Every descendant of `root` (itself included) whose type is in `types`, in document order.
    Pass `ctx` to answer from the file's node index when every type is indexed. An iterator,
    worked out when called (most calls ask about the whole file: a list's iterator then, without
    a generator's frame resumed for every node)."""
    if ctx is None or ctx.tree is None or not types:
        return _walk_types(root, types)
    if not (types <= _ANSWERED_BY_INDEX if isinstance(types, (set, frozenset)) else set(types) <= _ANSWERED_BY_INDEX):
        return _walk_types(root, types)
    index = node_index_of(ctx)
    by_type = index.by_type
    if root.id == index.root_id:  # the whole file (its root is of no indexed type): every node of `types`
        picks = [by_type[kind] for kind in types if kind in by_type]
        order = picks[0] if len(picks) == 1 else sorted(_chain.from_iterable(picks))
        return map(index.nodes.__getitem__, order)
    return _indexed_below(root, types, index)


def _indexed_below(root: ts.Node, types: set[str] | frozenset[str], index: NodeIndex) -> Iterator[ts.Node]:
    """`walk_types` below a node that is not the file's root, from the node index."""
    by_type, nodes = index.by_type, index.nodes
    starts, ends = index.starts, index.ends
    start, end = root.start_byte, root.end_byte
    lo, hi = _bisect_left(starts, start), _bisect_right(starts, end)
    picks = []
    for kind in types:
        positions = by_type.get(kind)
        if positions:
            picks.append(positions[_bisect_left(positions, lo):_bisect_left(positions, hi)])
    order = picks[0] if len(picks) == 1 else sorted(_chain.from_iterable(picks))
    for i in order:
        if ends[i] > end:
            continue
        node = nodes[i]
        if starts[i] == start and ends[i] == end and node != root and not any(a == root for a in ancestors(node)):
            continue  # a parent spanning the same bytes is not inside `root`
        yield node


def node_index_of(ctx: FileContext) -> NodeIndex:
    """The file's `NodeIndex` (built by its own query when the combined pass gave none)."""
    memo = ctx.file._memo
    index: NodeIndex | None = memo.get("node_index")
    if index is None:
        index = memo["node_index"] = _build_node_index(ctx, memo.pop("node_index.captured", None))
    return index


def _first_bindings(ctx: FileContext, node_type: str, name_field: str, value_field: str) -> dict[str, ts.Node]:
    """Name -> bound value for every `node_type` binding a plain identifier, any depth (first wins)."""
    assert ctx.tree is not None
    out: dict[str, ts.Node] = {}
    source = ctx.source
    for node in walk_types(ctx.tree.root_node, {node_type}, ctx):
        name = node.child_by_field_name(name_field)
        if name is None or name.type != "identifier":
            continue
        value = node.child_by_field_name(value_field)
        if value is not None:
            key = source[name.start_byte:name.end_byte].decode("utf-8", "replace")  # ctx.text_of, inlined
            if key not in out:
                out[key] = value
    return out


@_memo
def js_declarations(ctx: FileContext) -> dict[str, ts.Node]:
    """Variable name -> its declarator's value node (first declaration wins), any depth."""
    return _first_bindings(ctx, "variable_declarator", "name", "value")


def unwrap_js(node: ts.Node | None) -> ts.Node | None:
    """The expression under `await`, parentheses, `as`/`satisfies` and non-null assertions."""
    while node is not None and node.type in ("await_expression", "parenthesized_expression", "as_expression",
                                             "satisfies_expression", "non_null_expression"):
        node = node.named_children[0] if node.named_children else None
    return node


def js_call_name(ctx: FileContext, node: ts.Node | None) -> str:
    """`new a.B` / `a.b` of a (new) call expression, after unwrapping; "" for anything else."""
    node = unwrap_js(node)
    while node is not None and node.type == "call_expression" and node.child_by_field_name("function") is not None \
            and node.child_by_field_name("function").type == "member_expression" \
            and node.child_by_field_name("function").child_by_field_name("object").type == "call_expression":
        node = node.child_by_field_name("function").child_by_field_name("object")  # createClient().connect()
    if node is None or node.type not in ("call_expression", "new_expression"):
        return ""
    callee = callee_text(ctx, node)
    return ("new " + callee) if node.type == "new_expression" else callee


@_memo
def py_assignments(ctx: FileContext) -> dict[str, ts.Node]:
    """Name -> assigned value for plain `name = value` assignments at any depth (first wins)."""
    return _first_bindings(ctx, "assignment", "left", "right")


def py_call_name(ctx: FileContext, node: ts.Node | None) -> str:
    while node is not None and node.type == "await":
        node = node.named_children[0] if node.named_children else None
    if node is None or node.type != "call":
        return ""
    return callee_text(ctx, node)


@_memo
def indent_unit(ctx: FileContext) -> str:
    """The file's indentation step: a tab, or the smallest leading run of spaces (2 by default for JS,
    4 for Python)."""
    source = ctx.source
    first_lines = _FIRST_LINES.match(source)
    end = first_lines.end() - 1 if first_lines is not None else len(source)  # the 400th line's newline
    if _TAB_INDENT.search(source, 0, end):
        return "\t"
    sizes = _SPACE_INDENT.findall(source, 0, end)
    if not sizes:
        return "    " if ctx.language == PYTHON else "  "
    return " " * max(1, min(map(len, sizes)))


_TAB_INDENT = re.compile(rb"^\t", re.M)
_FIRST_LINES = re.compile(rb"(?:[^\n]*\n){400}")
_SPACE_INDENT = re.compile(rb"^( +)[^ *\r\n]", re.M)


@_memo
def uses_semicolons(ctx: FileContext) -> bool:
    """Whether JS statements in this file end with `;` (by majority of the lines that are not
    comments). Counted as every line ending so, less the comment lines ending so: a search for
    the last character of each line is a scan for one byte, where matching each line from its
    start backtracked through all of it."""
    source = ctx.source
    ends = len(_SEMICOLON_END.findall(source)) - len(_SEMICOLON_COMMENT.findall(source))
    bare = len(_BARE_END.findall(source)) - len(_BARE_COMMENT.findall(source))
    return ends >= bare or ends > 0 and bare == 0


_COMMENT_LINE = rb"^[^\S\n]*(?://|\*|/\*)[^\n]*"
_SEMICOLON_END = re.compile(rb";[^\S\n]*$", re.M)
_SEMICOLON_COMMENT = re.compile(_COMMENT_LINE + rb";[^\S\n]*$", re.M)
_BARE_END = re.compile(rb"[)'\"`][^\S\n]*$", re.M)
_BARE_COMMENT = re.compile(_COMMENT_LINE + rb"[)'\"`][^\S\n]*$", re.M)


def call_statement(call: ts.Node) -> tuple[ts.Node | None, ts.Node, ts.Node | None]:
    """(statement, expression, bound name) of a JS call that stands as its own statement
    (`app.listen(…)`, `await app.listen(…)`) or is the only declarator of a declaration
    (`const server = app.listen(…)`, bound name `server`); statement None otherwise."""
    node = call
    while node.parent is not None and node.parent.type in ("await_expression", "parenthesized_expression"):
        node = node.parent
    parent = node.parent
    if parent is not None and parent.type == "expression_statement":
        return parent, node, None
    if parent is not None and parent.type == "variable_declarator" and parent.child_by_field_name("name").type == "identifier":
        decl = parent.parent
        if decl is not None and decl.type in ("lexical_declaration", "variable_declaration") \
                and len([c for c in decl.named_children if c.type != "comment"]) == 1:
            return decl, node, parent.child_by_field_name("name")
    return None, node, None


def statement_of(node: ts.Node) -> ts.Node:
    """The statement holding `node` (the node itself when it is one)."""
    current = node
    while current.parent is not None and not current.type.endswith(("statement", "declaration")) \
            and current.type not in ("decorated_definition",):
        current = current.parent
    return current


def end_of_line_after(ctx: FileContext, offset: int) -> int:
    """`offset`, moved to the end of its line when only whitespace or a `//`/`#` comment follows
    (code inserted after a statement then keeps the statement's trailing comment with it)."""
    end = ctx.source.find(b"\n", offset)
    end = len(ctx.source) if end < 0 else end
    rest = ctx.source[offset:end].rstrip(b"\r")
    stripped = rest.strip()
    if not stripped or stripped.startswith((b"//", b"#")) or (stripped.startswith(b"/*") and stripped.endswith(b"*/")):
        return offset + len(rest)
    return offset
