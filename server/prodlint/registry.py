"""Rule discovery: every module of `prodlint_rules` (and of `prodlint.facts`) found with pkgutil.

Adding a rule means adding its module and its examples; nothing else is registered by hand.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from types import ModuleType
from typing import Callable

from prodlint.core import Rule, Scope

log = logging.getLogger("prodlint")

#: modules that failed to load: (module name, error); the test suite requires this to stay empty
LOAD_ERRORS: list[tuple[str, str]] = []

_CODE_RE = re.compile(r"^[A-Z]{2,5}\d{3}$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class LoadedRule:
    rule: Rule
    module: ModuleType
    query: dict[str, str]
    check: Callable | None
    check_project: Callable | None
    fix: Callable | None = None  # fix(ctx, finding): builds a project finding's lazy fixes
    #: languages on which every finding of `check` is a match of the rule's query (the module
    #: sets FINDINGS_FROM_MATCHES): the engine skips the rule on such a file without a match
    matches_only: frozenset[str] = frozenset()
    #: the module's `may_apply(language, relpath, source, role)`: False only for a file on which
    #: `check` finds nothing whatever its tree (`Engine.may_give_anything`); None: any file
    may_apply: Callable | None = None


@dataclass(frozen=True)
class FactExtractor:
    """A shared fact module of `prodlint.facts`: TARGETS, QUERY, facts(ctx)."""

    name: str
    targets: frozenset[str]
    query: dict[str, str]
    facts: Callable
    #: languages on which every fact is made from a match of the query (FINDINGS_FROM_MATCHES,
    #: as for rules): the engine skips the extractor on such a file without a match
    matches_only: frozenset[str] = frozenset()
    #: the module sets RUNTIME: its facts describe the running app, so, as for a runtime rule,
    #: the engine does not run it on tests, scripts, examples or docs (`FileRole.non_production`)
    runtime: bool = False
    #: the module's `may_apply`, as for a rule: False only for a file it emits nothing on
    may_apply: Callable | None = None


def _load_failed(name: str, exc: Exception) -> None:
    LOAD_ERRORS.append((name, f"{type(exc).__name__}: {exc}"))
    log.error("cannot load %s (skipped): %s: %s", name, type(exc).__name__, exc)


def _summary(doc: str) -> str:
    match = re.search(r"## What it does\s*\n(.+?)(?:\n\s*\n|\n##|$)", doc, re.S)
    text = " ".join((match.group(1) if match else doc.strip().split("\n")[0]).split())
    first = re.split(r"(?<=\.)\s", text, maxsplit=1)[0]
    return first


def _query_of(module: ModuleType, targets: frozenset[str]) -> dict[str, str]:
    query = getattr(module, "QUERY", None)
    if query is None:
        return {}
    if isinstance(query, str):
        return {lang: query for lang in targets}
    return dict(query)


def _load(module: ModuleType) -> LoadedRule:
    rule: Rule = module.RULE
    doc = (module.__doc__ or "").strip()
    if not _CODE_RE.match(rule.code) or not _NAME_RE.match(rule.name):
        raise ValueError(f"{module.__name__}: bad rule code or name {rule.code} {rule.name}")
    rule = replace(rule, doc=doc, summary=_summary(doc))
    check = getattr(module, "check", None)
    check_project = getattr(module, "check_project", None)
    implied = Scope.of(check is not None, check_project is not None)
    if implied is not rule.scope:
        defines = {Scope.FILE: "check()", Scope.PROJECT: "check_project()",
                   Scope.FILE_AND_PROJECT: "check() and check_project()"}.get(implied, "neither") if implied else "neither"
        raise ValueError(f"{module.__name__}: declares scope {rule.scope.value} but defines {defines}")
    if hasattr(module, "facts"):
        raise ValueError(f"{module.__name__}: defines facts(); project knowledge is emitted by the extractors of "
                         f"prodlint.facts (kinds declared in facts/kinds.py), rules only read it")
    fix = getattr(module, "fix", None)
    if fix is not None and check_project is None:
        raise ValueError(f"{module.__name__}: fix(ctx, finding) builds project fixes; a file rule's findings carry theirs")
    query = _query_of(module, rule.targets)
    return LoadedRule(rule, module, query, check, check_project, fix, _matches_only(module, query, check),
                      getattr(module, "may_apply", None))


def _matches_only(module: ModuleType, query: dict[str, str], reader: Callable | None) -> frozenset[str]:
    """The languages a module declaring FINDINGS_FROM_MATCHES reports on only from its query's
    matches (those of its QUERY); the flag means nothing without a query and a reader of it."""
    if not getattr(module, "FINDINGS_FROM_MATCHES", False):
        return frozenset()
    if reader is None or not query:
        raise ValueError(f"{module.__name__}: FINDINGS_FROM_MATCHES needs a QUERY and check() or facts()")
    return frozenset(query)


@lru_cache(maxsize=1)
def all_rules() -> tuple[LoadedRule, ...]:
    """Every rule, sorted by code."""
    import prodlint_rules

    loaded = []
    for info in pkgutil.iter_modules(prodlint_rules.__path__):
        if info.name.startswith("_"):
            continue
        try:
            module = importlib.import_module(f"prodlint_rules.{info.name}")
            if hasattr(module, "RULE"):
                loaded.append(_load(module))
        except Exception as exc:  # one broken rule must not take the linter down
            _load_failed(f"prodlint_rules.{info.name}", exc)
    codes = [r.rule.code for r in loaded]
    dupes = {c for c in codes if codes.count(c) > 1}
    if dupes:
        raise ValueError(f"duplicate rule codes: {sorted(dupes)}")
    return tuple(sorted(loaded, key=lambda r: r.rule.code))


@lru_cache(maxsize=1)
def fact_extractors() -> tuple[FactExtractor, ...]:
    import prodlint.facts as facts_pkg

    out = []
    for info in pkgutil.iter_modules(facts_pkg.__path__):
        if info.name.startswith("_"):
            continue
        try:
            module = importlib.import_module(f"prodlint.facts.{info.name}")
            if not hasattr(module, "facts"):
                continue
            targets = frozenset(module.TARGETS)
            query = _query_of(module, targets)
            out.append(FactExtractor(info.name, targets, query, module.facts,
                                     _matches_only(module, query, module.facts), bool(getattr(module, "RUNTIME", False)),
                                     getattr(module, "may_apply", None)))
        except Exception as exc:
            _load_failed(f"prodlint.facts.{info.name}", exc)
    return tuple(sorted(out, key=lambda f: f.name))


def find_rule(key: str) -> LoadedRule | None:
    """A rule by code or name (case-insensitive code)."""
    by_key = _rules_by_key()
    return by_key.get(key.upper()) or by_key.get(key.lower())


@lru_cache(maxsize=None)
def _rules_by_key() -> dict[str, LoadedRule]:
    """Every rule under its code and its name (the first rule wins a shared key): output asks
    for a finding's rule once per finding."""
    out: dict[str, LoadedRule] = {}
    for loaded in all_rules():
        out.setdefault(loaded.rule.code, loaded)
    for loaded in all_rules():
        out.setdefault(loaded.rule.name, loaded)
    return out


def resolve_selector(selector: str) -> set[str]:
    """Codes matched by a selector: "ALL", a code, a name, or a code prefix ("SEC", "URL00")."""
    key = selector.strip()
    codes = {r.rule.code for r in all_rules()}
    if key.upper() == "ALL":
        return codes
    found = find_rule(key)
    if found:
        return {found.rule.code}
    return {c for c in codes if c.startswith(key.upper())} if key.isalnum() else set()
