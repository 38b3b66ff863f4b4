"""Runs a rule's annotated examples: exhaustive matching, fixes applied until they converge.

Annotations are comments in the case's own language, on their own line (they target the next
code line) or trailing (they target their line):

    expect: URL001        a diagnostic of URL001 must start on that line
    ok: URL001            a look-alike: URL001 must not fire there
    todo-expect: URL001   a known miss (reported; fails once the rule catches it, to be promoted)
    todo-ok: URL001       a known false positive (reported; fails once it is gone)

Matching is exhaustive for the rule under test, so a new false positive and a new miss can never
cancel out. `<name>.fixed.<ext>` is the file after applying every applicable fix of that rule.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from prodlint.api import Applicability, Finding
from prodlint.fixes import plan, write_edits
from prodlint.languages import GRAMMAR_LANGUAGES, language_for
from prodlint.parsing import error_count, parse
from prodlint.project import Overrides, run
from prodlint.registry import LoadedRule, all_rules
from prodlint.suppress import comments

ANNOTATION = re.compile(r"\b(todo-expect|todo-ok|expect|ok):\s*([A-Z]{2,5}\d{3}(?:\s*,\s*[A-Z]{2,5}\d{3})*)")
MAX_ROUNDS = 10


def is_fixed_file(name: str) -> bool:
    return "fixed" in name.split(".")


def original_name(fixed_name: str) -> str:
    parts = fixed_name.split(".")
    parts.remove("fixed")
    return ".".join(parts)


def examples_dir(loaded: LoadedRule) -> Path:
    module_file = Path(loaded.module.__file__)
    return module_file.with_name(module_file.stem + ".examples")


@dataclass(frozen=True)
class Case:
    rule: LoadedRule
    path: Path  # a file, or a folder (mini-project)

    @property
    def id(self) -> str:
        return f"{self.rule.rule.code}/{self.path.name}"


def discover() -> list[Case]:
    cases = []
    for loaded in all_rules():
        folder = examples_dir(loaded)
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            if entry.is_dir() or (language_for(entry.name) and not is_fixed_file(entry.name)):
                cases.append(Case(loaded, entry))
    return cases


@dataclass
class Annotations:
    expect: Counter = field(default_factory=Counter)  # (relpath, line) -> count, for the rule
    ok: set = field(default_factory=set)
    todo_expect: set = field(default_factory=set)
    todo_ok: set = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.expect.values()) + len(self.ok) + len(self.todo_expect) + len(self.todo_ok)


def read_annotations(root: Path, files: list[Path], code: str) -> Annotations:
    notes = Annotations()
    for path in files:
        language = language_for(path.name)
        if language is None:
            continue
        source = path.read_bytes()
        lines = source.split(b"\n")
        rel = path.relative_to(root).as_posix()
        found = [(c.start_row, c.end_row, c.text, c.own_line) for c in comments(language, source)]
        annotation_rows = {c[0] for c in found if c[3] and ANNOTATION.search(c[2])}
        for start, end, text, own in found:
            for kind, codes in ANNOTATION.findall(text):
                if code not in [c.strip() for c in codes.split(",")]:
                    continue
                target = start
                if own:
                    target = end + 1
                    while target < len(lines) and (not lines[target].strip() or target in annotation_rows):
                        target += 1
                key = (rel, target)
                if kind == "expect":
                    notes.expect[key] += 1
                elif kind == "ok":
                    notes.ok.add(key)
                elif kind == "todo-expect":
                    notes.todo_expect.add(key)
                else:
                    notes.todo_ok.add(key)
    return notes


def _copy_case(case: Case, dest: Path) -> tuple[Path, list[Path], dict[str, Path]]:
    """Copy the case without its .fixed files into `dest`; returns (root, case files, fixed map)."""
    fixed: dict[str, Path] = {}
    if case.path.is_file():
        root = dest
        shutil.copy2(case.path, root / case.path.name)
        files = [root / case.path.name]
        for sibling in case.path.parent.iterdir():
            if is_fixed_file(sibling.name) and original_name(sibling.name) == case.path.name:
                fixed[case.path.name] = sibling
        return root, files, fixed
    root = dest / case.path.name
    files = []
    for src in sorted(case.path.rglob("*")):
        rel = src.relative_to(case.path)
        if src.is_dir():
            continue
        if is_fixed_file(src.name):
            fixed[(rel.parent / original_name(src.name)).as_posix()] = src
            continue
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
        files.append(target)
    return root, files, fixed


def _lint(root: Path, code: str) -> list[Finding]:
    report = run([str(root)], Overrides(select=(code,)), jobs=1)
    assert not report.errors, f"rule crashed: {report.errors}"
    return [f for f in report.findings if f.code == code]


def _key(root: Path, finding: Finding) -> tuple[str, int]:
    return (Path(finding.path).relative_to(root).as_posix(), finding.span.start_point[0])


def _applicable(finding: Finding) -> bool:
    return any(f.applicability is not Applicability.DISPLAY for f in finding.fixes)


@dataclass
class Outcome:
    problems: list[str]
    todo_notes: list[str]
    expects: int
    oks: int


def run_case(case: Case) -> Outcome:
    code = case.rule.rule.code
    problems: list[str] = []
    todo_notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="prodlint-case-") as tmp:
        root, files, fixed = _copy_case(case, Path(os.path.realpath(tmp)))
        notes = read_annotations(root, files, code)
        if notes.total == 0:
            problems.append(f"no `expect:`/`ok:` annotation for {code} in this case")
        findings = _lint(root, code)
        got = Counter(_key(root, f) for f in findings)
        for key, n in sorted(got.items()):
            if key in notes.todo_ok:
                continue
            if key in notes.todo_expect:
                problems.append(f"{key[0]}:{key[1] + 1}: `todo-expect: {code}` now fires: promote it to `expect:`")
                continue
            want = notes.expect.get(key, 0)
            if n > want:
                where = " (marked ok:)" if key in notes.ok else ""
                msgs = "; ".join(f.message for f in findings if _key(root, f) == key)
                problems.append(f"{key[0]}:{key[1] + 1}: unexpected {code}{where}: {msgs}")
        for key, want in sorted(notes.expect.items()):
            if got.get(key, 0) < want:
                problems.append(f"{key[0]}:{key[1] + 1}: expected {code}, got {got.get(key, 0)} of {want}")
        for key in sorted(notes.todo_ok):
            if got.get(key, 0) == 0:
                problems.append(f"{key[0]}:{key[1] + 1}: `todo-ok: {code}` no longer fires: promote it to `ok:`")
            else:
                todo_notes.append(f"{key[0]}:{key[1] + 1}: known false positive")
        for key in sorted(notes.todo_expect):
            if got.get(key, 0) == 0:
                todo_notes.append(f"{key[0]}:{key[1] + 1}: known miss")
        problems.extend(_check_fixes(root, files, fixed, findings, code))
    return Outcome(problems, todo_notes, sum(notes.expect.values()), len(notes.ok))


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _check_fixes(root: Path, files: list[Path], fixed: dict[str, Path], findings: list[Finding], code: str) -> list[str]:
    problems: list[str] = []
    before = _snapshot(root)
    fixable = [f for f in findings if _applicable(f)]
    if not fixable:
        if fixed:
            problems.append(f"`.fixed` file(s) {sorted(fixed)} but no applicable {code} fix")
        return problems
    current = findings
    for _ in range(MAX_ROUNDS):
        chosen, per_file = plan([f for f in current if _applicable(f)], unsafe=True)
        if not chosen or not write_edits(per_file):
            break
        current = _lint(root, code)
    else:
        problems.append(f"{code} fixes did not converge in {MAX_ROUNDS} rounds")
    leftover = [f for f in current if _applicable(f)]
    for f in leftover:
        k = _key(root, f)
        problems.append(f"{k[0]}:{k[1] + 1}: {code} still reported with a fix after applying the fixes")
    after = _snapshot(root)
    # idempotent: one more round changes nothing
    chosen, per_file = plan([f for f in _lint(root, code) if _applicable(f)], unsafe=True)
    if chosen and write_edits(per_file):
        problems.append("applying the fixes again changed the files: not idempotent")
    for rel, data in after.items():
        if before.get(rel) == data:
            continue
        language = language_for(rel)
        if language in GRAMMAR_LANGUAGES:
            old_errors = error_count(parse(language, before[rel])) if rel in before else 0
            new_errors = error_count(parse(language, data))
            if new_errors > old_errors:
                problems.append(f"{rel}: the fix adds {new_errors - old_errors} ERROR/MISSING node(s)")
        if rel not in fixed:
            problems.append(f"{rel}: changed by the fix but there is no `.fixed` file for it; the result was:\n"
                            + data.decode("utf-8", "replace"))
            continue
        expected = fixed[rel].read_bytes()
        if data != expected:
            problems.append(f"{rel}: fixed text differs from {fixed[rel].name}; the result was:\n"
                            + data.decode("utf-8", "replace"))
    for rel in fixed:
        if before.get(rel) == after.get(rel):
            problems.append(f"{rel}: has a `.fixed` file but the fixes did not change it")
    return problems
