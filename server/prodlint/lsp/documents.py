"""Open documents: incremental sync, and re-linting only the region an edit touched.

Every LSP content change becomes a tree-sitter edit (`Document.edit`), never a full reparse; a
full-text change is first diffed against the current text (the differing middle is the edit). The
file findings of the previous lint are kept: those before the edit stay, those after it are
shifted, and the rules that have a query are re-run only over the dirty region (the edited range
plus `tree.changed_ranges`, widened to the enclosing statement), whose old findings are replaced.
Whole-file work (facts for the project index, rules without a query, suppressions that moved) is
done by a full lint when the document settles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prodlint.api import Fact, FileRole, Finding
    from prodlint.config import Config
    from prodlint.engine import Engine
    from prodlint.parsing import Document
    from prodlint.suppress import Suppressions

#: a region is widened to the largest enclosing node at most this long (a top-level statement
#: in ordinary code; a function inside a huge module wrapper)
WIDEN_LIMIT = 32 * 1024
PLAIN = "plain"  # language of a document kept as text only (skipped: too big, binary, unknown)


@dataclass
class OpenDocument:
    uri: str
    path: str
    version: int | None
    language: str | None  # None: not a file prodlint reads
    doc: Document
    root: str
    role: FileRole
    skipped: str | None = None
    raw: list[Finding] = field(default_factory=list)  # file findings before suppressions/config
    #: id(raw finding) -> (it, its diagnostic or None when suppressed), valid while `view_key` holds
    view_cache: dict[int, Any] = field(default_factory=dict)
    view_key: tuple[Any, ...] = ()
    suppressions: Suppressions | None = None
    facts: tuple[Fact, ...] = ()
    content_hash: str = ""
    dirty: list[tuple[int, int]] = field(default_factory=list)  # byte ranges to re-lint
    needs_full: bool = True  # no lint yet, a full-text change, or an edit we could not track
    needs_settle: bool = False  # facts, query-less rules and suppressions lag behind the text
    linted_version: int | None = None
    #: id(raw finding) -> (it, its diagnostic view key), carried across edits that leave its
    #: line and columns alone, so a keystroke recomputes keys only for what it moved
    view_keys: dict[int, tuple[Any, Any]] = field(default_factory=dict)
    #: project findings anchored here, moved along with the edits made since the index last saw
    #: this buffer's facts (None: the index's findings match the text)
    project: list[Finding] | None = None

    # ---------------------------------------------------------------- sync
    def apply_change(self, change: object, encoding: str) -> None:
        """One `TextDocumentContentChangeEvent` (a range edit, or the whole text)."""
        rng = getattr(change, "range", None)
        text: str = getattr(change, "text")
        if rng is None:
            self.replace_text(text.encode("utf-8", "surrogatepass"))
            return
        start, old_end, new_end = self.doc.edit(
            (rng.start.line, rng.start.character), (rng.end.line, rng.end.character), text, encoding)
        self._track(start, old_end, new_end)

    def replace_text(self, source: bytes) -> None:
        """Full-text sync: the bytes that differ from the current text become one incremental
        edit (clients that always send the whole text get the keystroke path too)."""
        old = self.doc.source
        if old == source:
            return
        start, old_end, new_end = _differing(old, source)
        if self.doc.tree is not None:
            self.doc.edit_bytes(start, old_end, source[start:new_end])
            self._track(start, old_end, new_end)
            return
        self.doc.replace_all(source)
        if self.project:
            self.project = _move(self.project, start, old_end, new_end, self.doc)
        self.dirty.clear()
        self.needs_full = True
        self.needs_settle = True

    def _track(self, start: int, old_end: int, new_end: int) -> None:
        """Shift what the last lint found past an edit and remember the region to re-lint."""
        delta = new_end - old_end
        self.needs_settle = True
        dirty = [_shift_range(r, start, old_end, new_end) for r in self.dirty]
        dirty.append((start, new_end))
        dirty.extend(self.doc.changed_ranges)
        self.dirty = dirty
        if self.project:
            self.project = _move(self.project, start, old_end, new_end, self.doc)
        if self.needs_full:
            return
        kept = []
        keys = self.view_keys
        carried: dict[int, tuple[Finding, Any]] = {}
        # bytes of the edited row (old text): a finding or fix edit there may change its columns
        row = self.doc.index.point(start)[0]
        row_start = self.doc.index.starts[row]
        row_end = old_end + (self.doc.index.line_end(row) - new_end)
        same_rows = self.doc.last_edit_kept_lines
        points_kept_after = row_end if same_rows else None
        for f in self.raw:
            moved = _shift_finding(f, start, old_end, delta, self.doc, points_kept_after)
            if moved is None:  # the edit went through it: re-lint where it was
                self.dirty.append(_shift_range((f.span.start, f.span.end), start, old_end, new_end))
                continue
            kept.append(moved)
            entry = keys.get(id(f))
            if entry is None or entry[0] is not f:
                continue
            if moved is f or (same_rows and f.span.start > row_end and _off_row(f, row_start, row_end)):
                carried[id(moved)] = (moved, entry[1])  # same line and columns: same diagnostic
        self.raw = kept
        self.view_keys = carried

    # ---------------------------------------------------------------- linting
    def lint(self, engine: Engine, config: Config, *, full: bool = False) -> None:
        """Bring `raw` (and, on a full lint, facts and suppressions) up to date with the text."""
        from prodlint.engine import NODE_INDEX, content_hash
        from prodlint.lsp.region_query import region_matches, rules_query
        from prodlint.suppress import collect, Suppressions
        from prodlint.syntax import seed_node_index

        if self.skipped is not None or self.language is None:
            self.raw, self.facts, self.suppressions = [], (), Suppressions()
            self.dirty.clear()
            self.needs_full = self.needs_settle = False
            self.linted_version = self.version
            return
        ctx = engine.context(self.doc, self.root, self.role)
        if full or self.needs_full or self.doc.tree is None:
            if self.doc.tree is not None and self.doc.tree.root_node.has_error and self.needs_settle:
                # error recovery may differ between incremental and fresh parses: settle on the
                # tree a fresh open (and the CLI) would see
                self.doc.replace_all(self.doc.source)
                ctx = engine.context(self.doc, self.root, self.role)
            matches = engine.file_matches(self.doc, ctx.role)
            seed_node_index(ctx, matches.pop(NODE_INDEX, None))
            self.content_hash = content_hash(self.doc.source)
            self.facts = engine.facts_for(ctx, matches, self.content_hash)
            self.raw = list(dict.fromkeys(engine.check_file(ctx, matches, config)))
            self.suppressions = collect(self.doc.language, self.doc.source, self.doc.tree)
            self.needs_full = self.needs_settle = False
            rules_query(engine, self.doc.language)  # compiled here, not on the first keystroke
        elif self.dirty:
            region = widen(self.doc, self.dirty)
            matches = region_matches(engine, self.doc, region)
            queried = {r.rule.code for r in engine.rules if r.query}
            kept = [f for f in self.raw if f.code not in queried or not _touches(f, region)]
            fresh = list(dict.fromkeys(engine.check_file(ctx, matches, config, region)))
            outside = {(f.span.start, f.code, f.message) for f in fresh if not _touches(f, region)}
            if outside:  # a match in the region reported outside it: keep one copy
                kept = [f for f in kept if (f.span.start, f.code, f.message) not in outside]
            self.raw = kept + fresh
            if b"prodlint" in self.doc.source or (self.suppressions and
                                                  (self.suppressions.lines or self.suppressions.file)):
                self.suppressions = collect(self.doc.language, self.doc.source, self.doc.tree)
        self.dirty.clear()
        self.linted_version = self.version


def _shift_range(r: tuple[int, int], start: int, old_end: int, new_end: int) -> tuple[int, int]:
    """A byte range of the old text, in the new text (covering the edit when they meet)."""
    a, b = r
    delta = new_end - old_end
    if b < start:
        return a, b
    if a > old_end:
        return a + delta, b + delta
    return min(a, start), max(b + delta if b > old_end else new_end, new_end)


def _shift_finding(f: Finding, start: int, old_end: int, delta: int, doc: Document,
                   points_kept_after: int | None = None) -> Finding | None:
    """`f` in the edited text, or None when the edit touched it or one of its edits. A span
    starting after `points_kept_after` (old bytes: the end of the edited row, when the edit
    changed no line) keeps its (row, column) points."""
    span = f.span
    if span.end < start and _edits_before(f, start):
        return f
    if span.start <= old_end and span.end >= start:
        return None
    from prodlint.api import Finding, Fix, Span, TextEdit

    # Runs for every finding of the file on every keystroke: build the moved objects directly
    # (dataclasses.replace introspects the fields on each call) and keep untouched fixes as they are.
    fixes: list[Fix] = []
    for fix in f.fixes:
        edits = []
        moved = False
        for e in fix.edits:
            if e.path != f.path or e.mode != "replace" or e.end < start:
                edits.append(e)
            elif e.start > old_end:
                edits.append(TextEdit(e.path, e.start + delta, e.end + delta, e.text, e.mode))
                moved = True
            else:
                return None
        fixes.append(Fix(fix.title, fix.applicability, tuple(edits), fix.lazy) if moved else fix)
    if span.start > old_end:
        s, e = span.start + delta, span.end + delta
        if points_kept_after is not None and span.start > points_kept_after:
            span = Span(s, e, span.start_point, span.end_point)
        else:
            span = Span(s, e, doc.index.point(s), doc.index.point(e))
    return Finding(f.code, f.path, span, f.message, tuple(fixes), f.severity, f.name, f.data, f.related)


def _differing(old: bytes, new: bytes) -> tuple[int, int, int]:
    """A full-text change as one edit: (start, old end, new end) of the bytes that differ, on
    UTF-8 character boundaries (a changed accent does not split its character)."""
    limit = min(len(old), len(new))
    start = _common(lambda a, b: old[a:b] == new[a:b], limit)
    while start > 0 and _continuation(new, start):
        start -= 1
    tail = _common(lambda a, b: old[len(old) - b:len(old) - a] == new[len(new) - b:len(new) - a], limit - start)
    while tail > 0 and _continuation(new, len(new) - tail):
        tail -= 1
    return start, len(old) - tail, len(new) - tail


def _continuation(data: bytes, offset: int) -> bool:
    """`data[offset]` continues a multi-byte UTF-8 character."""
    return offset < len(data) and data[offset] & 0xC0 == 0x80


def _common(same: Any, limit: int, block: int = 4096) -> int:
    """How many leading units agree, given `same(a, b)` for the range a..b (blocks, then bytes)."""
    n = 0
    while n < limit and same(n, min(n + block, limit)):
        n = min(n + block, limit)
    step = block // 2
    while step:  # the rest of the block by halving: a prefix that agrees only grows
        if n + step <= limit and same(n, n + step):
            n += step
        step //= 2
    return n


def _move(findings: list[Finding], start: int, old_end: int, new_end: int, doc: Document) -> list[Finding]:
    """Project findings of the old text in the edited one (`doc`). One the edit went through keeps
    its place, stretched over the edit, without its fixes (their edits can no longer be trusted)
    until the project rules see the new facts."""
    from prodlint.api import Finding, Span

    out = []
    for f in findings:
        moved = _shift_finding(f, start, old_end, new_end - old_end, doc)
        if moved is None:
            s, e = _shift_range((f.span.start, f.span.end), start, old_end, new_end)
            moved = Finding(f.code, f.path, Span(s, e, doc.index.point(s), doc.index.point(e)), f.message,
                            (), f.severity, f.name)
        out.append(moved)
    return out


def _off_row(f: Finding, row_start: int, row_end: int) -> bool:
    """No edit of `f`'s fixes in this file touches the edited row (old bytes)."""
    for fix in f.fixes:
        for e in fix.edits:
            if e.path == f.path and e.end >= row_start and e.start <= row_end:
                return False
    return True


def _edits_before(f: Finding, start: int) -> bool:
    """Every edit of `f`'s fixes that replaces text in its own file ends before `start`."""
    for fix in f.fixes:
        for e in fix.edits:
            if e.end >= start and e.path == f.path and e.mode == "replace":
                return False
    return True


def _touches(f: Finding, region: tuple[int, int]) -> bool:
    return f.span.start <= region[1] and f.span.end >= region[0]


def widen(doc: Document, dirty: list[tuple[int, int]]) -> tuple[int, int]:
    """The dirty ranges as one byte range, grown at both ends to the enclosing statement (the
    largest enclosing node no longer than WIDEN_LIMIT), so a finding anchored at a statement's
    head is re-judged when its body changes."""
    size = len(doc.source)
    start = max(0, min(a for a, _ in dirty))
    end = min(size, max(b for _, b in dirty))
    if doc.tree is None:
        return start, end
    root = doc.tree.root_node
    first, last = _enclosing(root, start), _enclosing(root, end)
    return (min(start, first[0]) if first else start), (max(end, last[1]) if last else end)


def _enclosing(root: object, offset: int) -> tuple[int, int] | None:
    node = root.descendant_for_byte_range(offset, offset)  # type: ignore[attr-defined]
    if node is None or node == root:
        return None
    while node.parent is not None and node.parent != root:
        parent = node.parent
        if parent.end_byte - parent.start_byte > WIDEN_LIMIT:
            break
        node = parent
    return node.start_byte, node.end_byte
