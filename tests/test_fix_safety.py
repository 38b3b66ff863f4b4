"""Every fix prodlint offers must leave a project that still builds: applied alone and all together
(safe and unsafe, round after round as `--fix --unsafe-fixes` does), on every rule example and on a
seeded set of generated apps (tests/fix_safety_corpus.py).

A changed file must still be valid in its own language whenever the original was:
Python compiles (`compile()`); JavaScript parses with node's own parser (what `node --check` runs:
as a CommonJS script or an ES module, keeping the module kind the original had) when `node` is on
PATH; TypeScript, TSX and every grammar language gain no tree-sitter ERROR/MISSING node (there is
no `tsc` here); JSON stays JSON (`//` comments aside, which the annotated examples use);
YAML and TOML still load; Dockerfile lines are instructions with valid exec-form arrays; a `.env`
file has no duplicate key; CRLF files stay CRLF. No edit lands outside the project. A second run
after the fixes converge changes nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from fix_safety_corpus import generate
from prodlint.api import Applicability, Finding
from prodlint.fixes import apply_edits, first_applicable, plan, write_edits
from prodlint.languages import GRAMMAR_LANGUAGES, JAVASCRIPT, PYTHON, language_for
from prodlint.parsing import error_count, parse
from prodlint.project import Overrides, run
from rule_harness import discover, is_fixed_file

MAX_ROUNDS = 10
DOCKER_INSTRUCTIONS = frozenset({"FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY",
                                 "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL",
                                 "HEALTHCHECK", "SHELL"})

# Reads one JSON string per line and answers which module kinds V8 accepts it as: the CommonJS
# wrapper node puts around a script, and an ES module (parsed, never linked or run).
NODE_PARSER = r"""
const vm = require("vm");
const readline = require("readline");
const rl = readline.createInterface({ input: process.stdin });
rl.on("line", (line) => {
  const code = JSON.parse(line);
  const kinds = [];
  const script = code.startsWith("#!") ? "//" + code.slice(2) : code;  // node strips a hashbang itself
  try { new vm.Script("(function (exports, require, module, __filename, __dirname) {" + script + "\n})"); kinds.push("script"); } catch (e) {}
  try { new vm.SourceTextModule(code); kinds.push("module"); } catch (e) {}
  process.stdout.write(JSON.stringify(kinds) + "\n");
});
"""


class NodeParser:
    """One long-lived node process, so thousands of checks cost one start-up."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(["node", "--experimental-vm-modules", "--no-warnings", "-e", NODE_PARSER],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        self.cache: dict[str, frozenset[str]] = {}

    def kinds(self, code: str) -> frozenset[str]:
        if code not in self.cache:
            assert self.proc.stdin and self.proc.stdout
            self.proc.stdin.write(json.dumps(code) + "\n")
            self.proc.stdin.flush()
            self.cache[code] = frozenset(json.loads(self.proc.stdout.readline()))
        return self.cache[code]

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def node() -> Iterator[NodeParser | None]:
    if shutil.which("node") is None:
        yield None
        return
    parser = NodeParser()
    yield parser
    parser.close()


# ------------------------------------------------------------------ validity of one changed file

def _strip_json_comments(text: str) -> str:
    return re.sub(r'("(?:\\.|[^"\\])*")|//[^\n]*', lambda m: m.group(1) or "", text)


def _json_ok(data: bytes) -> bool:
    try:
        json.loads(_strip_json_comments(data.decode("utf-8")))
        return True
    except (ValueError, UnicodeDecodeError):
        return False


def _python_ok(data: bytes) -> bool:
    try:
        compile(data, "<fixed>", "exec", dont_inherit=True)
        return True
    except (SyntaxError, ValueError):
        return False


def _yaml_ok(data: bytes) -> bool | None:
    try:
        import yaml
    except ImportError:
        return None
    try:
        list(yaml.safe_load_all(data))
        return True
    except yaml.YAMLError:
        return False


def _toml_ok(data: bytes) -> bool:
    try:
        tomllib.loads(data.decode("utf-8"))
        return True
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False


def _dockerfile_problems(data: bytes) -> list[str]:
    problems = []
    continued = False
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        stripped = line.strip()
        if continued:
            continued = stripped.endswith("\\")
            continue
        if not stripped or stripped.startswith("#"):
            continue
        word, _, rest = stripped.partition(" ")
        if word.upper() not in DOCKER_INSTRUCTIONS:
            problems.append(f"line {number}: not a Dockerfile instruction: {stripped[:60]}")
        continued = stripped.endswith("\\")
        exec_form = rest.strip()
        if word.upper() == "HEALTHCHECK":
            exec_form = re.sub(r"^(--\S+\s+)*CMD\s+", "", exec_form)
        if word.upper() == "HEALTHCHECK" and continued:
            probe = data.decode("utf-8", "replace").splitlines()[number].strip() if number < len(
                data.decode("utf-8", "replace").splitlines()) else ""
            exec_form = re.sub(r"^CMD\s+", "", probe)
        if word.upper() == "HEALTHCHECK" and re.match(r"^\[?\"?python\b(?!3)", exec_form):
            problems.append(f"line {number}: the HEALTHCHECK probes with `python`, which many images lack (python3)")
        if word.upper() in ("CMD", "ENTRYPOINT", "HEALTHCHECK") and exec_form.startswith("[") and not continued:
            try:
                json.loads(exec_form)
            except ValueError:
                problems.append(f"line {number}: exec form is not a JSON array: {exec_form[:60]}")
    return problems


_ENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=")


def _env_keys(data: bytes) -> list[str]:
    return [m.group(1) for line in data.decode("utf-8", "replace").splitlines() if (m := _ENV_LINE.match(line))]


def _is_dotenv(name: str) -> bool:
    return name == ".env" or name.startswith(".env.") or name.endswith(".env")


def _js_kind_problem(rel: str, before: bytes, after: bytes, node: NodeParser | None) -> str | None:
    if node is None:
        return None
    old = node.kinds(before.decode("utf-8", "replace"))
    if not old:
        return None  # JSX or syntax V8 alone does not take: tree-sitter judges it
    new = node.kinds(after.decode("utf-8", "replace"))
    if not old & new:
        return f"{rel}: node no longer parses it (was {sorted(old)}, now {sorted(new)})"
    if old == {"module"} and after.count(b"require(") > before.count(b"require(") and b"createRequire" not in after:
        return f"{rel}: the fix adds require() to an ES module"
    return None


def file_problems(rel: str, before: bytes | None, after: bytes, node: NodeParser | None) -> list[str]:
    """What is wrong with `after` that was not wrong with `before` (None: a file the fix created)."""
    name = os.path.basename(rel)
    language = language_for(name)
    problems: list[str] = []
    if language in GRAMMAR_LANGUAGES:
        old_errors = error_count(parse(language, before)) if before is not None else 0
        new_errors = error_count(parse(language, after))
        if new_errors > old_errors:
            problems.append(f"{rel}: {new_errors - old_errors} new tree-sitter ERROR/MISSING node(s)")
    if language == PYTHON and (before is None or _python_ok(before)) and not _python_ok(after):
        problems.append(f"{rel}: Python no longer compiles")
    if language == JAVASCRIPT or name.endswith((".js", ".mjs", ".cjs")):
        problem = _js_kind_problem(rel, before if before is not None else after, after, node)
        if problem:
            problems.append(problem)
    if name.endswith(".json") and (before is None or _json_ok(before)) and not _json_ok(after):
        problems.append(f"{rel}: no longer valid JSON")
    if name.endswith((".yml", ".yaml")) and (before is None or _yaml_ok(before)) and _yaml_ok(after) is False:
        problems.append(f"{rel}: no longer valid YAML")
    if name.endswith(".toml") and (before is None or _toml_ok(before)) and not _toml_ok(after):
        problems.append(f"{rel}: no longer valid TOML")
    if name == "Dockerfile" or name.startswith("Dockerfile.") or name.endswith(".Dockerfile"):
        old = set(_dockerfile_problems(before)) if before is not None else set()
        problems += [f"{rel}: {p}" for p in _dockerfile_problems(after) if p not in old]
    if _is_dotenv(name):
        keys = _env_keys(after)
        old_keys = _env_keys(before) if before is not None else []
        dupes = sorted({k for k in keys if keys.count(k) > 1 and old_keys.count(k) <= 1})
        if dupes:
            problems.append(f"{rel}: duplicate key(s) {dupes}")
    if before and b"\r\n" in before and not re.search(rb"(?<!\r)\n", before) and re.search(rb"(?<!\r)\n", after):
        problems.append(f"{rel}: a CRLF file gained LF-only lines")
    return problems


# ------------------------------------------------------------------ projects and fixes

def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _lint(root: Path) -> list[Finding]:
    report = run([str(root)], Overrides(), jobs=1)
    assert not report.errors, f"a rule crashed: {report.errors}"
    return list(report.findings)


def _fixable(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if any(x.applicability is not Applicability.DISPLAY for x in f.fixes)]


def _inside(root: Path, path: str) -> bool:
    real = os.path.realpath(path)
    return real == str(root) or real.startswith(str(root) + os.sep)


def check_project(root: Path, node: NodeParser | None) -> list[str]:
    """Apply each fix alone (in memory), then all of them round after round (on disk)."""
    problems: list[str] = []
    before = _snapshot(root)
    findings = _fixable(_lint(root))
    for finding in findings:
        fix = first_applicable(finding, unsafe=True)
        assert fix is not None
        per_file: dict[str, list] = {}
        for edit in fix.edits:
            per_file.setdefault(edit.path, []).append(edit)
        where = f"{finding.code} fix alone ({fix.title!r})"
        for path, edits in per_file.items():
            if not _inside(root, path):
                problems.append(f"{where}: edits {path}, outside the project")
                continue
            rel = Path(os.path.realpath(path)).relative_to(root).as_posix()
            try:
                after = apply_edits(before.get(rel, b""), edits)
            except ValueError as exc:
                problems.append(f"{where}: {rel}: {exc}")
                continue
            problems += [f"{where}: {p}" for p in file_problems(rel, before.get(rel), after, node)]
    if not findings:
        return problems
    current = findings
    for _ in range(MAX_ROUNDS):
        chosen, per_file = plan(current, unsafe=True)
        if not chosen or not write_edits(per_file):
            break
        current = _fixable(_lint(root))
    else:
        problems.append(f"the fixes did not converge in {MAX_ROUNDS} rounds")
    after_all = _snapshot(root)
    for rel, data in after_all.items():
        if before.get(rel) != data:
            problems += [f"all fixes: {p}" for p in file_problems(rel, before.get(rel), data, node)]
    chosen, per_file = plan(_fixable(_lint(root)), unsafe=True)
    if chosen and write_edits(per_file):
        changed = sorted(rel for rel, data in _snapshot(root).items() if after_all.get(rel) != data)
        problems.append(f"a second run changed {changed}: the fixes are not idempotent")
    return problems


def _copy_example(path: Path, dest: Path) -> Path:
    root = dest / "case"
    if path.is_file():
        root.mkdir()
        shutil.copy2(path, root / path.name)
        return root
    for src in sorted(path.rglob("*")):
        if src.is_file() and not is_fixed_file(src.name):
            target = root / src.relative_to(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    return root


EXAMPLES = [c for c in discover() if c.path.is_dir() or not is_fixed_file(c.path.name)]
# Each rule's cases once (a case folder is shared by nothing else), all rules linted on it.
CASE_PATHS = sorted({c.path for c in EXAMPLES})


@pytest.mark.parametrize("path", CASE_PATHS, ids=[f"{p.parent.name.removesuffix('.examples')}/{p.name}"
                                                   for p in CASE_PATHS])
def test_every_fix_builds_on_the_rule_examples(path: Path, node: NodeParser | None) -> None:
    with tempfile.TemporaryDirectory(prefix="prodlint-fixsafety-") as tmp:
        root = _copy_example(path, Path(os.path.realpath(tmp)))
        problems = check_project(root, node)
    assert not problems, "\n".join(problems)


def test_every_fix_builds_on_generated_apps(node: NodeParser | None) -> None:
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="prodlint-fixcorpus-") as tmp:
        base = Path(os.path.realpath(tmp))
        for app in generate(str(base), apps=24, seed=11):
            problems += [f"{Path(app).name}: {p}" for p in check_project(Path(app), node)]
    assert not problems, "\n".join(problems)


def test_the_checks_catch_broken_output(node: NodeParser | None) -> None:
    """The validity checks themselves can fail: each broken result below is caught."""
    assert file_problems("a.py", b"x = 1\n", b"x = (\n", node)
    assert file_problems("package.json", b'{"a": 1}\n', b'{"a": 1,}\n', node)
    assert file_problems(".env.example", b"A=\n", b"A=\nexport A=\n", node)
    assert file_problems("Dockerfile", b"FROM node\n", b'FROM node\nCMD ["node", server.js]\n', node)
    assert file_problems("Dockerfile", b"FROM ubuntu\n", b"FROM ubuntu\nHEALTHCHECK --interval=30s \\\n  CMD python -c 'x'\n", node)
    assert not file_problems("Dockerfile", b"FROM ubuntu\n", b"FROM ubuntu\nHEALTHCHECK --interval=30s \\\n  CMD python3 -c 'x'\n", node)
    assert file_problems("a.ts", b"const a = 1;\n", b"const a = ;\n", node)
    assert file_problems("w.py", b"a = 1\r\nb = 2\r\n", b"a = 1\r\nb = 2\nc = 3\r\n", node)
    if node is not None:
        assert file_problems("a.mjs", b"import x from 'x';\n", b"import x from 'x';\nconst y = require('y');\n", node)
        assert file_problems("a.js", b"const a = 1;\n", b"const a = 1;\nawait = = 2;\n", node)
    assert not file_problems("a.py", b'"""Doc."""\nx = 1\n', b'"""Doc."""\nimport os\nx = 1\n', node)
