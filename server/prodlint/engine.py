"""The engine: one combined query per language per file, captures dispatched to rules.

Measured here, running each rule's query separately costs 130–150 ms/MB against 35–45 ms/MB for
one combined query, so every rule's and fact extractor's patterns are concatenated into one
compiled query per language, and each match goes to its owner by pattern index. A file rule can
be re-run over a byte range (the language server re-lints only the edited region).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

import tree_sitter as ts

from prodlint.context import FileContext, ProjectContext, SourceFile
from prodlint.core import FINDING_ORDER, Fact, FileRole, Finding, Match, _finding
from prodlint.config import Config
from prodlint.languages import GRAMMAR_LANGUAGES, JS_LIKE
from prodlint.parsing import Document, grammar
from prodlint.paths import dir_names, relative
from prodlint.registry import FactExtractor, LoadedRule, all_rules, fact_extractors
from prodlint.roles import (
    alembic_revision, catalogue_by_names, classify, folders_say, is_cra_root, is_vite_root, minified,
)
from prodlint.suppress import Suppressions, collect
from prodlint.syntax import IndexCaptures, seed_node_index
from prodlint.walk import is_git_ignored

log = logging.getLogger("prodlint")

PROJECT_MARKERS = ("package.json", "pyproject.toml", "requirements.txt", "setup.py", "manage.py")


@dataclass(frozen=True)
class _Owner:
    """A rule or fact extractor owning a slice of a combined query's patterns."""

    key: str
    first_pattern: int


#: the key under which `CombinedQuery.dispatch` returns the node index's nodes (not matches)
NODE_INDEX = "index:nodes"


@dataclass(frozen=True)
class CombinedQuery:
    query: ts.Query
    owners: tuple[_Owner, ...]
    starts: tuple[int, ...]
    #: the first of the last patterns, one per indexed type (`index_types`), which capture every
    #: node of an indexed type (`prodlint.syntax.node_index`): the index comes from the same pass
    #: over the tree as the rules' matches (-1: no index)
    index_pattern: int = -1
    index_types: tuple[str, ...] = ()
    #: the query's source text, to compile a private copy (`fresh_copy`)
    source: str = ""

    def dispatch(self, matches: Iterable[tuple[int, dict]]) -> dict[str, list[Match]]:
        out: dict[str, list[Match]] = {}
        owner_of, index_from = self.owner_of, self.index_pattern
        if index_from < 0:
            index_from = self.query.pattern_count  # no pattern is the index's
        nodes: list = []
        patterns: list[int] = []
        for pattern, caps in matches:
            if pattern >= index_from:
                nodes.append(caps["n"][0])
                patterns.append(pattern)
                continue
            key, first = owner_of[pattern]
            bucket = out.get(key)
            if bucket is None:
                bucket = out[key] = []
            bucket.append((pattern - first, caps))
        if self.index_pattern >= 0:
            out[NODE_INDEX] = IndexCaptures(nodes, patterns, index_from, self.index_types)  # type: ignore[assignment]
        return out

    @cached_property
    def owner_of(self) -> tuple[tuple[str, int], ...]:
        """(owner key, owner's first pattern) of every pattern, by pattern index."""
        count = self.query.pattern_count
        return tuple((o.key, o.first_pattern) for o in
                     (self.owners[bisect_right(self.starts, p) - 1] for p in range(count)))


def _owners_for(language: str, non_production: bool = False) -> list[tuple[str, str]]:
    """(owner, query source as compiled) of every rule and extractor with patterns for `language`
    (only those the engine runs on a non-production file, when `non_production`)."""
    pairs: list[tuple[str, str]] = []
    for ex in fact_extractors():
        if language in ex.query and not (non_production and ex.runtime):
            pairs.append((f"facts:{ex.name}", literal_predicates(ex.query[language])))
    for loaded in all_rules():
        if language in loaded.query and not (non_production and loaded.rule.runtime):
            pairs.append((loaded.rule.code, literal_predicates(loaded.query[language])))
    return pairs


_MATCH_PREDICATE = re.compile(r'\(#(not-)?match\?\s+(@[\w.-]+)\s+"((?:[^"\\]|\\.)*)"\s*\)')
_WORD = r"(?:[\w/:@-]|\\\.)+"
_LITERAL_ALTERNATION = re.compile(rf"\^(?:\(({_WORD}(?:\|{_WORD})*)\)|({_WORD}))\$")


def literal_predicates(source: str) -> str:
    """A query with each `#match?` whose regex is a list of exact words (`^(get|post)$`)
    written as `#any-of?`: the same test as a string comparison. In the combined query a regex
    predicate on a common node costs up to a third of a walk of the tree; `#any-of?` next to
    nothing."""
    def rewrite(m: re.Match[str]) -> str:
        negated, capture, quoted = m.group(1) or "", m.group(2), m.group(3)
        regex = quoted.replace("\\\\", "\\")
        words = _LITERAL_ALTERNATION.fullmatch(regex)
        if words is None:
            return m.group(0)
        literals = [w.replace("\\.", ".") for w in (words.group(1) or words.group(2)).split("|")]
        return f"(#{negated}any-of? {capture} " + " ".join(f'"{w}"' for w in literals) + ")"
    return _MATCH_PREDICATE.sub(rewrite, source)


def combined_query(language: str, non_production: bool = False) -> CombinedQuery | None:
    """`_combined_query`, always asked the same way: an lru_cache keys `f(x)`, `f(x, False)` and
    `f(x, non_production=False)` apart, and each would compile the query again."""
    return _combined_query(language, bool(non_production))


@lru_cache(maxsize=None)
def _combined_query(language: str, non_production: bool) -> CombinedQuery | None:
    """Every rule's and extractor's patterns for `language`, compiled once: each pattern's owner
    is found from where it starts in the combined source, so no owner's query is compiled twice.

    Tests, fixtures, scripts and examples (`non_production`) get their own query of only the
    owners the engine runs on them (no runtime rule or extractor): on the public apps measured
    they are 40 % of the bytes, and the full query there did three times the work of theirs. It
    leaves the node index out too: the always-on rules seldom ask for it, and it is built from
    its own query when one does (`prodlint.syntax.node_index`). Either query gives those owners
    the same matches; `Engine.file_matches` picks the smaller once it pays for its compiling."""
    pairs = _owners_for(language, non_production)
    if not pairs:
        return None
    from prodlint.syntax import node_index_pattern, node_index_types

    index = "" if non_production else node_index_pattern(language)
    index_types = node_index_types(language) if index else ()
    query = _compile_combined(language, pairs, index)
    if query is None:  # some owner's query is broken: compile each alone, leave the broken out
        pairs = [(key, source) for key, source in pairs if _compiles(language, key, source)]
        query = _compile_combined(language, pairs, index)
        if query is None:
            return None
    offsets, at = [], 0
    for _, source in pairs:
        offsets.append(at)
        at += len(source.encode()) + 1  # the joining newline
    owners: list[_Owner] = []
    owner_at = 0
    for pattern in range(query.pattern_count - len(index_types)):
        start = query.start_byte_for_pattern(pattern)
        while owner_at + 1 < len(offsets) and start >= offsets[owner_at + 1]:
            owner_at += 1
        if not owners or owners[-1].key != pairs[owner_at][0]:
            owners.append(_Owner(pairs[owner_at][0], pattern))
    return CombinedQuery(query, tuple(owners), tuple(o.first_pattern for o in owners),
                         index_pattern=query.pattern_count - len(index_types) if index_types else -1,
                         index_types=index_types,
                         source=_combined_source(pairs, index))


#: bytes of tests, scripts and examples of one language an engine lints with the full query before
#: their own smaller one pays for its compiling (35–70 ms for JavaScript and TypeScript, measured:
#: about what the full query's extra work costs on 170–350 KB of them); a project with a few small
#: tests never compiles it
NON_PRODUCTION_QUERY_AFTER = 256 * 1024


def fresh_copy(combined: CombinedQuery, language: str) -> ts.Query:
    """A new compiled copy of `combined.query`, the same pattern for pattern, for a caller that
    disables patterns on it (`Query.disable_pattern` cannot be undone on the shared one)."""
    return ts.Query(grammar(language), combined.source)


def _combined_source(pairs: list[tuple[str, str]], index: str) -> str:
    return "\n".join([source for _, source in pairs] + ([index] if index else []))


def _compile_combined(language: str, pairs: list[tuple[str, str]], index: str) -> ts.Query | None:
    try:
        return ts.Query(grammar(language), _combined_source(pairs, index))
    except Exception:
        return None


def _compiles(language: str, key: str, source: str) -> bool:
    try:
        ts.Query(grammar(language), source)
        return True
    except Exception as exc:  # a broken query is a bug in that rule: report, go on without it
        log.error("query of %s for %s does not compile: %s", key, language, exc)
        return False


# ---------------------------------------------------------------- file roles and project roots

def project_root_for(path: str, boundary: str | None = None) -> str:
    """Nearest directory holding package.json / pyproject.toml / requirements.txt; stops at a
    `.git` directory or at `boundary` (the workspace root), which is then the project root."""
    directory = os.path.dirname(os.path.abspath(path))
    boundary = os.path.abspath(boundary) if boundary else None
    start = directory
    while True:
        names = dir_names(directory)
        if any(m in names for m in PROJECT_MARKERS):
            return directory
        if ".git" in names or directory == boundary:
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return boundary or start
        directory = parent


def role_for(path: str, root: str, boundary: str | None = None) -> FileRole:
    """The file's role from its path relative to its project root; when the project itself sits
    in a tests/scripts/examples folder of the tree being linted (`boundary`: the folder the user
    asked about, or the workspace folder), the file is not production code either."""
    rel = relative(path, root).replace(os.sep, "/")
    names = dir_names(root)
    role = classify(rel, vite_project=is_vite_root(names) or ("package.json" in names and is_cra_root(root)))
    if boundary is not None and not role.non_production:
        outer = relative(path, boundary).replace(os.sep, "/")
        if not outer.startswith("../") and outer != rel:
            if outer.endswith("/" + rel):  # the project's folder sits inside the boundary: ask about its folders
                test, non_production = folders_say(outer[:-len(rel) - 1])
            else:
                wide = classify(outer)
                test, non_production = wide.test, wide.non_production
            if non_production:
                role = replace(role, test=role.test or test, non_production=True)
    if not role.locale and catalogue_by_names(path):
        role = replace(role, locale=True)
    if not role.migration and alembic_revision(path):
        role = replace(role, non_production=True, migration=True)
    if os.path.basename(path).startswith(".env"):
        role = replace(role, git_ignored=is_git_ignored(path, root))
    return role


# ---------------------------------------------------------------- results

@dataclass
class FileResult:
    """What linting one file produced. Holds no tree: trees are ~25x the source in memory."""

    path: str
    language: str | None
    project_root: str
    findings: list[Finding] = field(default_factory=list)
    facts: tuple[Fact, ...] = ()
    suppressions: Suppressions = field(default_factory=Suppressions)
    skipped: str | None = None  # why the file was not linted
    content_hash: str = ""
    errors: list[str] = field(default_factory=list)
    #: ASCII without a carriage return: a span's printed line and column are its tree-sitter
    #: row and byte column plus one (most files), so nothing needs the text to print them
    plain_text: bool = False
    #: otherwise, 1-based (line, column in code points) of each finding's start and end offset,
    #: worked out where the text is at hand instead of by reading the file again to print it
    positions: dict[int, tuple[int, int]] = field(default_factory=dict)


_reported_crashes: set[str] = set()


def _report_crash(key: str, path: str, exc: BaseException) -> str:
    message = f"{key} failed on {path}: {type(exc).__name__}: {exc}"
    if key not in _reported_crashes:
        _reported_crashes.add(key)
        log.error("%s (the rule is skipped; reported once)", message, exc_info=exc)
    return message


# ---------------------------------------------------------------- the engine

def content_hash(source: bytes) -> str:
    """What a file's facts are cached under (with its path, root and role)."""
    return hashlib.sha1(source).hexdigest()


def _runs_on(loaded: LoadedRule, language: str | None, role: FileRole) -> bool:
    """Whether the engine runs the rule's `check` on a file of `language` and `role`, its config
    aside: runtime rules skip tests, scripts and examples; rules not for browser code skip it."""
    rule = loaded.rule
    return loaded.check is not None and language in rule.targets \
        and not (rule.runtime and role.non_production) and (rule.client_code or not role.client)


class Engine:
    """Lints documents with every enabled rule; caches facts by (path, content hash)."""

    def __init__(self) -> None:
        self.rules = all_rules()
        self.extractors = fact_extractors()
        #: facts by (path, content hash, project root, role): the same text read as a test, or
        #: from another root, says something else
        self._fact_cache: dict[tuple[str, str, str, FileRole], tuple[Fact, ...]] = {}
        self._fact_keys: dict[str, list[tuple[str, str, str, FileRole]]] = {}  # per path, newest last
        #: file rules per (config, language, role flags, per-file ignores); the config is kept
        #: with its list so a recycled id() is never taken for it
        self._rule_lists: dict[tuple[int, str, bool, bool, frozenset[str]], tuple[Config, list[LoadedRule]]] = {}
        self._extractor_lists: dict[tuple[str | None, bool],
                                    tuple[Sequence[FactExtractor], list[tuple[FactExtractor, str, bool]]]] = {}
        #: bytes of non-production files linted so far, per language (`NON_PRODUCTION_QUERY_AFTER`)
        self._non_production_bytes: dict[str, int] = {}
        #: per (language, non-production, client): every file owner's `may_apply`, or None when
        #: one of them has none (then every file is parsed)
        self._gates: dict[tuple[str, bool, bool], tuple[Callable, ...] | None] = {}

    # -- file level
    def context(self, doc: Document, root: str, role: FileRole | None = None) -> FileContext:
        """The file's context; a minified bundle is not production code as written (`roles.minified`),
        whichever path its role came from (a run, the editor, a fix being built)."""
        rel = relative(doc.path, root).replace(os.sep, "/")
        role = role if role is not None else role_for(doc.path, root)
        if not role.non_production and doc.language in JS_LIKE and minified(doc.source):
            role = replace(role, non_production=True)
        file = SourceFile(doc.path, rel, root, doc.language, doc.source, doc.tree, lambda: doc.index, role)
        return FileContext(file)

    def run_query(self, doc: Document, byte_range: tuple[int, int] | None = None, *,
                  non_production: bool = False) -> dict[str, list[Match]]:
        """Matches by owner; of the owners the engine runs on a non-production file only, when
        `non_production` (a file whose role is)."""
        if doc.tree is None or doc.language not in GRAMMAR_LANGUAGES:
            return {}
        combined = combined_query(doc.language, non_production)
        if combined is None:
            return {}
        cursor = ts.QueryCursor(combined.query)
        if byte_range is not None:
            cursor.set_byte_range(byte_range[0], byte_range[1])
        found = combined.dispatch(cursor.matches(doc.tree.root_node))
        if byte_range is not None:
            found.pop(NODE_INDEX, None)  # part of the file only: the index is built when asked
        return found

    def may_give_anything(self, language: str, relpath: str, source: bytes, role: FileRole) -> bool:
        """Whether linting the file may give a fact or a finding. False only when every rule and
        extractor the engine runs on such a file says, by its `may_apply`, that it gives nothing
        there whatever the tree: then the file need not be parsed (most JSON files of an app are
        fixtures, locales and configs that no check reads). A file naming `prodlint` is always
        parsed, for its suppression comments."""
        key = (language, role.non_production, role.client)
        if key not in self._gates:
            self._gates[key] = self._gates_for(language, role)
        gates = self._gates[key]
        if gates is None or b"prodlint" in source:
            return True
        return any(gate(language, relpath, source, role) for gate in gates)

    def _gates_for(self, language: str, role: FileRole) -> tuple[Callable, ...] | None:
        gates = []
        for loaded in self.rules:  # enabled or not: a disabled rule's gate only costs a parse
            if not _runs_on(loaded, language, role):
                continue
            if loaded.may_apply is None:
                return None
            gates.append(loaded.may_apply)
        for ex, _, _ in self._extractors_for(language, role.non_production):
            if ex.may_apply is None:
                return None
            gates.append(ex.may_apply)
        return tuple(gates)

    def file_matches(self, doc: Document, role: FileRole) -> dict[str, list[Match]]:
        """The whole file's matches for the owners the engine runs on it: a non-production file
        gets the smaller query of its role once this engine has linted enough of them."""
        smaller = False
        if role.non_production and doc.language is not None:
            seen = self._non_production_bytes.get(doc.language, 0) + len(doc.source)
            self._non_production_bytes[doc.language] = seen
            smaller = seen >= NON_PRODUCTION_QUERY_AFTER
        return self.run_query(doc, non_production=smaller)

    def file_rules_for(self, ctx: FileContext, config: Config) -> list[LoadedRule]:
        """The file rules that apply to a file: they depend only on its config, language, role
        and per-file ignores, so the list is worked out once per such combination."""
        ignored = config.ignored_for_file(ctx.path)
        role = ctx.role
        key = (id(config), ctx.language, role.non_production, role.client, ignored)
        known = self._rule_lists.get(key)
        if known is not None and known[0] is config:
            return known[1]
        out = self._file_rules_for(ctx, config, ignored)
        if len(self._rule_lists) > 4096:
            self._rule_lists.clear()
        self._rule_lists[key] = (config, out)
        return out

    def _file_rules_for(self, ctx: FileContext, config: Config, ignored: frozenset[str]) -> list[LoadedRule]:
        return [loaded for loaded in self.rules if _runs_on(loaded, ctx.language, ctx.role)
                and config.enabled(loaded.rule.code) and loaded.rule.code not in ignored]

    def facts_for(self, ctx: FileContext, matches: dict[str, list[Match]], content_hash: str) -> tuple[Fact, ...]:
        key = (ctx.path, content_hash, ctx.project_root, ctx.role)
        cached = self._fact_cache.get(key)
        if cached is not None:
            return cached
        facts: list[Fact] = []
        bare = ctx.for_extractor(())  # immutable: shared by every extractor without matches here
        for ex, owner, needs_match in self._extractors_for(ctx.language, ctx.role.non_production):
            found = matches.get(owner)
            if found is None and needs_match:
                continue  # every fact of it here comes from a match, and there is none
            try:
                facts.extend(ex.facts(bare if found is None else ctx.for_extractor(found)))
            except Exception as exc:
                _report_crash(owner, ctx.path, exc)
        result = tuple(dict.fromkeys(facts))
        if len(self._fact_cache) > 50_000:
            self._fact_cache.clear()
            self._fact_keys.clear()
        self._fact_cache[key] = result
        # An edited buffer gets a new content hash on every settle: keep the last two versions of a
        # file (an open buffer and its disk copy), never one entry per keystroke of the session.
        recent = self._fact_keys.setdefault(ctx.path, [])
        if key not in recent:
            recent.append(key)
            while len(recent) > 2:
                self._fact_cache.pop(recent.pop(0), None)
        return result

    def _extractors_for(self, language: str | None, non_production: bool) -> list[tuple[FactExtractor, str, bool]]:
        """(extractor, its key in the query's matches, whether a file without one is skipped) of
        each extractor for `language` (but the runtime ones, on a non-production file): asked for
        every file, worked out once per language and role (and again if `extractors` is replaced)."""
        known = self._extractor_lists.get((language, non_production))
        if known is None or known[0] is not self.extractors:
            known = self._extractor_lists[(language, non_production)] = (self.extractors, [
                (ex, f"facts:{ex.name}", language in ex.matches_only) for ex in self.extractors
                if language in ex.targets and not (non_production and ex.runtime)])
        return known[1]

    def check_file(self, ctx: FileContext, matches: dict[str, list[Match]], config: Config,
                   byte_range: tuple[int, int] | None = None, errors: list[str] | None = None) -> list[Finding]:
        findings: list[Finding] = []
        language = ctx.language
        for loaded in self.file_rules_for(ctx, config):
            if byte_range is not None and not loaded.query:
                continue  # rules without a query read the whole file; the caller keeps their results
            found = matches.get(loaded.rule.code)
            if found is None and language in loaded.matches_only:
                continue  # every finding of the rule here is a match of its query, and there is none
            try:
                findings.extend(loaded.check(ctx.for_rule(loaded.rule, found or [], byte_range)))
            except Exception as exc:
                msg = _report_crash(loaded.rule.code, ctx.path, exc)
                if errors is not None:
                    errors.append(msg)
        return findings

    def lint_document(self, doc: Document, root: str, config: Config, *, with_facts: bool = True,
                      with_findings: bool = True, role: FileRole | None = None) -> FileResult:
        """Facts and file findings of one parsed document (suppressions applied)."""
        result = FileResult(doc.path, doc.language, root)
        ctx = self.context(doc, root, role)
        matches = self.file_matches(doc, ctx.role)
        seed_node_index(ctx, matches.pop(NODE_INDEX, None))
        result.content_hash = content_hash(doc.source)
        if with_facts:
            result.facts = self.facts_for(ctx, matches, result.content_hash)
        result.suppressions = collect(doc.language, doc.source, doc.tree)
        if with_findings:
            raw = self.check_file(ctx, matches, config, errors=result.errors)
            result.findings = finalize(raw, config, {doc.path: result.suppressions})
            result.plain_text = b"\r" not in doc.source and doc.source.isascii()
            if result.findings and not result.plain_text:
                line_column, positions = doc.index.line_column, result.positions
                for f in result.findings:
                    for offset in (f.span.start, f.span.end):
                        if offset not in positions:
                            positions[offset] = line_column(offset)
        return result

    # -- project level
    def check_project(self, root: str, facts: Iterable[Fact], files: Iterable[str], config: Config,
                      suppressions: dict[str, Suppressions], errors: list[str] | None = None) -> list[Finding]:
        by_kind: dict[str, list[Fact]] = {}
        for f in facts:
            by_kind.setdefault(f.kind, []).append(f)
        project = ProjectContext(root, by_kind, frozenset(files))
        findings: list[Finding] = []
        for loaded in self.rules:
            if loaded.check_project is None or not config.enabled(loaded.rule.code):
                continue
            try:
                findings.extend(loaded.check_project(project.for_rule(loaded.rule)))
            except Exception as exc:
                msg = _report_crash(loaded.rule.code, root, exc)
                if errors is not None:
                    errors.append(msg)
        return finalize(findings, config, suppressions)  # per-file config: `prodlint.index`


@lru_cache(maxsize=None)
def _rules_by_code() -> dict[str, LoadedRule]:
    return {r.rule.code: r for r in all_rules()}


def finalize(findings: Iterable[Finding], config: Config, suppressions: dict[str, Suppressions]) -> list[Finding]:
    """Drop suppressed findings; fill in names and the configured severity; sort."""
    rules = _rules_by_code()
    severities = dict(config.severity)
    out = []
    for f in findings:
        loaded = rules.get(f.code)
        if loaded is None:
            continue
        rule = loaded.rule
        sup = suppressions.get(f.path)
        if sup is not None and sup.is_suppressed(rule.code, rule.name, f.span.start_point[0]):
            continue
        severity = severities.get(rule.code) or f.severity or rule.severity
        out.append(_finding(f.code, f.path, f.span, f.message, f.fixes, severity, rule.name, f.data, f.related))
    out = list(dict.fromkeys(out))
    out.sort(key=FINDING_ORDER)
    return out
