"""Every fix prodlint offers leaves TypeScript that still type-checks under `--strict`.

For each TypeScript/TSX project among the rule examples and the generated apps of
tests/test_fix_safety.py, every applicable fix of every finding is applied alone, and then all of
them round after round as `--fix --unsafe-fixes` does. TypeScript's own compiler
(`tsc --noEmit --strict --skipLibCheck`, pinned in tests/typecheck_tsc.py) checks the project
before and after: a fixed file fails the test when it has a diagnostic (code and message, line and
column aside) that the original did not have, or more of them. What both sides share (a module
nobody installed, an example's deliberate mistake) cancels out.

tsc is installed once with npm into `$PRODLINT_TOOLS_CACHE/tsc` (default ~/.cache/prodlint-tools);
without npm the test fails and says so. `PRODLINT_SKIP_TSC=1` skips it explicitly.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import test_fix_safety as fix_safety
import typecheck_tsc as tsc
from fix_safety_corpus import generate
from prodlint.api import Finding
from prodlint.fixes import apply_edits, applicable, plan, write_edits
from prodlint.lazy_fixes import resolve

GENERATED_APPS = 24
GENERATED_SEED = 11


@dataclass(frozen=True)
class KnownException:
    """A fix whose output does not type-check yet, and why: a diagnostic containing `fragment` in
    the fixed files of `projects`. Each (exception, project) fails the test once it stops happening."""

    name: str
    reason: str
    fragment: str
    projects: tuple[str, ...]

    def covers(self, problem: str) -> bool:
        return self.fragment in problem and any(problem.startswith(f"{p}: ") for p in self.projects)


KNOWN_EXCEPTIONS = (
    KnownException(
        "Handlers added to a TypeScript app that require()s express",
        "these generated apps bind express with `const express = require('express')` in a .ts file, so "
        "`app` is `any` and tsc types no handler's parameters, the app's own included (the original "
        "already has TS7006 for them): the `next` parameter ERR001 adds to such a handler is as untyped as "
        "the handler's own.",
        "TS7006: Parameter '",
        ("generated/app06", "generated/app08", "generated/app14", "generated/app20"),
    ),
)


@dataclass
class Variant:
    """One way of fixing a project: the label says which fixes, `files` is the whole project after."""

    label: str
    files: dict[str, bytes]


@dataclass
class Project:
    name: str
    before: dict[str, bytes]
    variants: list[Variant] = field(default_factory=list)


def _has_typescript(files: dict[str, bytes]) -> bool:
    return any(tsc.is_typescript(rel) for rel in files)


def _where(root: Path, finding: Finding) -> str:
    rel = Path(os.path.realpath(finding.path)).relative_to(root).as_posix()
    return f"{rel}:{finding.span.start_point[0] + 1}"


def _fixed_alone(root: Path, before: dict[str, bytes], finding: Finding) -> Iterator[Variant]:
    """The project after each applicable fix of `finding`, applied alone (edits outside the
    project are test_fix_safety's to report)."""
    for fix in resolve(finding).fixes:
        if not applicable(fix, unsafe=True) or fix.lazy:
            continue
        files = dict(before)
        per_file: dict[str, list] = {}
        for edit in fix.edits:
            per_file.setdefault(edit.path, []).append(edit)
        for path, edits in per_file.items():
            if not fix_safety._inside(root, path):
                continue
            rel = Path(os.path.realpath(path)).relative_to(root).as_posix()
            try:
                files[rel] = apply_edits(before.get(rel, b""), edits)
            except ValueError:
                continue  # overlapping edits: test_fix_safety reports them
        yield Variant(f"{finding.code} fix alone ({fix.title!r}) at {_where(root, finding)}", files)


def _fixed_together(root: Path) -> dict[str, bytes]:
    """Every fix applied on disk, round after round, as `prodlint check --fix --unsafe-fixes`."""
    current = fix_safety._fixable(fix_safety._lint(root))
    for _ in range(fix_safety.MAX_ROUNDS):
        chosen, per_file = plan(current, unsafe=True)
        if not chosen or not write_edits(per_file):
            break
        current = fix_safety._fixable(fix_safety._lint(root))
    return fix_safety._snapshot(root)


def fixed_variants(root: Path, name: str) -> Project | None:
    """The project and every fixed version of it whose TypeScript differs; None without TypeScript."""
    before = fix_safety._snapshot(root)
    if not _has_typescript(before):
        return None
    project = Project(name, before)
    seen: set[tuple] = set()

    def add(variant: Variant) -> None:
        key = tuple(sorted((rel, data) for rel, data in variant.files.items()
                           if tsc.is_typescript(rel) or rel.endswith("package.json")))
        changed = any(tsc.is_typescript(rel) and before.get(rel) != data for rel, data in variant.files.items())
        if changed and key not in seen:
            seen.add(key)
            project.variants.append(variant)

    for finding in fix_safety._fixable(fix_safety._lint(root)):
        for variant in _fixed_alone(root, before, finding):
            add(variant)
    add(Variant("all fixes", _fixed_together(root)))
    return project


def _write_tree(folder: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def new_diagnostics(projects: list[Project], tools: Path, workdir: Path) -> list[str]:
    """Lay every project out before and after its fixes (one folder per side and configuration),
    run one tsc per folder, and list each fixed file's diagnostics its original did not have."""
    started = []
    for configuration in tsc.CONFIGURATIONS:
        chosen = [(i, p) for i, p in enumerate(projects) if tsc.configuration_for(p.before) == configuration]
        if not chosen:
            continue
        before_dir, after_dir = workdir / configuration / "before", workdir / configuration / "after"
        for i, project in chosen:
            _write_tree(before_dir / f"p{i}", project.before)
            for j, variant in enumerate(project.variants):
                _write_tree(after_dir / f"p{i}v{j}", variant.files)
        runs = [tsc.check_tree(tools, before_dir, configuration)]
        if any(p.variants for _, p in chosen):
            runs.append(tsc.check_tree(tools, after_dir, configuration))
        started.append((chosen, runs))
    problems: list[str] = []
    for chosen, runs in started:
        old = tsc.collect(runs[0])
        new = tsc.collect(runs[1]) if len(runs) > 1 else {}
        for i, project in chosen:
            for j, variant in enumerate(project.variants):
                for rel, data in sorted(variant.files.items()):
                    if not tsc.is_typescript(rel):
                        continue
                    had = old.get(f"p{i}/{rel}", Counter()) if rel in project.before else Counter()
                    added = new.get(f"p{i}v{j}/{rel}", Counter()) - had
                    problems += [f"{project.name}: {variant.label}: {rel}: {d}" for d in sorted(added, key=str)]
    return problems


# ------------------------------------------------------------------ the projects and the check

def _example_projects(base: Path) -> Iterator[Project]:
    for n, path in enumerate(fix_safety.CASE_PATHS):
        if path.is_file() and not tsc.is_typescript(path.name):
            continue
        if path.is_dir() and not any(tsc.is_typescript(p.name) for p in path.rglob("*")):
            continue
        dest = base / f"example{n}"
        dest.mkdir()
        root = fix_safety._copy_example(path, dest)
        name = f"{path.parent.name.removesuffix('.examples')}/{path.name}"
        project = fixed_variants(root, name)
        if project is not None:
            yield project


def _generated_projects(base: Path) -> Iterator[Project]:
    for app in generate(str(base), apps=GENERATED_APPS, seed=GENERATED_SEED):
        project = fixed_variants(Path(app), f"generated/{Path(app).name}")
        if project is not None:
            yield project


@pytest.fixture(scope="module")
def tools() -> Path:
    if os.environ.get(tsc.SKIP_VARIABLE) == "1":
        pytest.skip(f"{tsc.SKIP_VARIABLE}=1: the TypeScript type check of fixes is skipped")
    try:
        return tsc.ensure_tools()
    except tsc.ToolUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)


@dataclass
class Results:
    projects: list[Project]
    problems: list[str]


@pytest.fixture(scope="module")
def results(tools: Path) -> Iterator[Results]:
    with tempfile.TemporaryDirectory(prefix="prodlint-typecheck-") as tmp:
        base = Path(os.path.realpath(tmp))
        (base / "examples").mkdir()
        (base / "generated").mkdir()
        projects = list(_example_projects(base / "examples")) + list(_generated_projects(base / "generated"))
        problems = new_diagnostics(projects, tools, base / "tsc")
    yield Results(projects, problems)


def _known(problem: str) -> KnownException | None:
    return next((k for k in KNOWN_EXCEPTIONS if k.covers(problem)), None)


def test_the_check_covers_typescript_fixes(results: Results) -> None:
    """The corpus really holds fixed TypeScript: examples and generated apps, with variants."""
    examples = [p for p in results.projects if not p.name.startswith("generated/")]
    generated = [p for p in results.projects if p.name.startswith("generated/")]
    assert len(examples) >= 20 and sum(len(p.variants) for p in examples) >= 20
    assert generated and all(p.variants for p in generated)


def test_every_fix_type_checks(results: Results) -> None:
    unexpected = [p for p in results.problems if _known(p) is None]
    assert not unexpected, "fixed TypeScript gained tsc diagnostics:\n" + "\n".join(unexpected)


_KNOWN_CASES = [(k, p) for k in KNOWN_EXCEPTIONS for p in k.projects]


@pytest.mark.parametrize("known,project", _KNOWN_CASES, ids=[f"{k.name}: {p}" for k, p in _KNOWN_CASES])
def test_known_exceptions_still_fail(results: Results, known: KnownException, project: str) -> None:
    """A known exception that no longer happens must leave the list."""
    hits = [p for p in results.problems if known.covers(p) and p.startswith(f"{project}: ")]
    assert hits, f"{project} type-checks now ({known.name}): remove it from KNOWN_EXCEPTIONS"


def test_the_check_catches_a_type_error_and_cancels_shared_ones(tools: Path, tmp_path: Path) -> None:
    """A dropped fallback that leaves `string | undefined` where a string is wanted is caught; a
    missing module both sides share is not reported."""
    original = (b"import express from 'express';\nimport thing from 'not-installed';\n"
                b"const secret: string = process.env.SECRET || 'dev';\nexport const app = express();\n"
                b"app.get('/', (req, res) => { res.json({ secret, thing }); });\n")
    broken = original.replace(b" || 'dev'", b"")
    project = Project("sample", {"src/app.ts": original, "package.json": b'{"type": "module"}\n'},
                      [Variant("drops the fallback", {"src/app.ts": broken, "package.json": b'{"type": "module"}\n'}),
                       Variant("keeps it", {"src/app.ts": original + b"export const n = 1;\n",
                                            "package.json": b'{"type": "module"}\n'})])
    problems = new_diagnostics([project], tools, tmp_path)
    assert len(problems) == 1, problems
    assert problems[0].startswith("sample: drops the fallback: src/app.ts: TS2322: ")
    assert "'string | undefined' is not assignable to type 'string'" in problems[0]


def test_a_chained_message_is_one_diagnostic_and_positions_are_dropped() -> None:
    output = ("p0/a.ts(3,7): error TS2322: Type 'A' is not assignable to type 'B'.\n"
              "  Property 'x' is missing in type 'A' but required in type 'B'.\n"
              "p0/a.ts(9,1): error TS2304: Cannot find name 'y'.\n"
              "p0/a.ts(12,5): error TS2304: Cannot find name 'y'.\n")
    per_file, general = tsc.parse_output(output)
    assert general == []
    chained = tsc.Diagnostic("TS2322", "Type 'A' is not assignable to type 'B'. / "
                                       "Property 'x' is missing in type 'A' but required in type 'B'.")
    assert per_file == {"p0/a.ts": Counter({chained: 1, tsc.Diagnostic("TS2304", "Cannot find name 'y'."): 2})}


@pytest.mark.parametrize("files,expected", [
    ({"src/index.ts": b"import express from 'express';\n", "package.json": b'{"type": "module"}'}, "node"),
    ({"src/index.ts": b"import { db } from './db.js';\n"}, "node"),
    ({"src/index.ts": b"import { db } from './db';\n"}, "bundler"),
    ({"app/page.tsx": b"export default function Page() { return null; }\n"}, "bundler"),
    ({"app/route.ts": b"export const GET = () => 1;\n", "package.json": b'{"dependencies": {"next": "15"}}'},
     "bundler"),
])
def test_the_configuration_follows_how_the_project_is_built(files: dict[str, bytes], expected: str) -> None:
    assert tsc.configuration_for(files) == expected
