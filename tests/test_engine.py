"""Engine pieces: language detection, the walk, project roots, the combined query, byte-range
re-runs, the facts cache, parallel runs, crash isolation and bad input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import tree_sitter as ts

from prodlint.api import Fact
from prodlint.config import Config
from prodlint.engine import Engine, combined_query, literal_predicates, project_root_for
from prodlint.languages import language_for
from prodlint.parsing import Document, compile_query
from prodlint.project import Overrides, lint_file, run
from prodlint.registry import all_rules, resolve_selector
from prodlint.roles import classify
from prodlint.walk import Skipped, walk


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return root


@pytest.mark.parametrize("name, language", [
    ("a.js", "javascript"), ("a.mjs", "javascript"), ("a.cjs", "javascript"), ("a.jsx", "javascript"),
    ("a.ts", "typescript"), ("a.mts", "typescript"), ("a.cts", "typescript"), ("a.tsx", "tsx"),
    ("a.py", "python"), ("package.json", "json"), ("Dockerfile", "dockerfile"),
    ("Dockerfile.prod", "dockerfile"), (".gitignore", "gitignore"), (".env", "dotenv"),
    (".env.production", "dotenv"), ("Procfile", "procfile"), ("docker-compose.yml", "compose"),
    ("a.d.ts", None), ("package-lock.json", None), ("a.css", None), ("bundle.min.js", None),
])
def test_language_by_file_name(name, language):
    assert language_for(name) == language


def test_walk_respects_gitignore_nested_and_negation(tmp_path):
    write(tmp_path, {
        ".gitignore": "*.gen.js\nsecret/\n",
        "app.js": "", "x.gen.js": "", "secret/a.js": "",
        "pkg/.gitignore": "!keep.gen.js\nlocal.js\n",
        "pkg/keep.gen.js": "", "pkg/other.gen.js": "", "pkg/local.js": "", "pkg/main.py": "",
        "node_modules/lib/index.js": "", "dist/out.js": "", ".venv/lib/x.py": "", "build/b.js": "",
        ".next/server.js": "", "coverage/c.js": "", "README.md": "",
    })
    (tmp_path / ".git").mkdir()
    found = sorted(os.path.relpath(p, tmp_path) for p in walk(str(tmp_path)) if isinstance(p, str))
    assert found == [".gitignore", "app.js", "pkg/.gitignore", "pkg/keep.gen.js", "pkg/main.py"]


def test_walk_reads_ignored_env_files(tmp_path):
    write(tmp_path, {".gitignore": ".env\n", ".env": "A=1\n"})
    assert [os.path.basename(p) for p in walk(str(tmp_path))] == [".env", ".gitignore"]


def test_walk_does_not_follow_symlinks_out_of_the_root(tmp_path):
    outside = write(tmp_path / "outside", {"evil.js": "const a = 1;"})
    root = write(tmp_path / "root", {"app.js": ""})
    os.symlink(outside / "evil.js", root / "link.js")
    os.symlink(outside, root / "linkdir")
    os.symlink(root / "app.js", root / "inside.js")
    items = list(walk(str(root), verbose=True))
    files = sorted(os.path.basename(p) for p in items if isinstance(p, str))
    skipped = sorted(os.path.basename(s.path) for s in items if isinstance(s, Skipped))
    assert files == ["app.js", "inside.js"]
    assert skipped == ["link.js", "linkdir"]


def test_project_roots_split_a_monorepo(tmp_path):
    write(tmp_path, {
        "package.json": "{}", "apps/web/package.json": "{}", "apps/web/src/a.ts": "",
        "apps/api/pyproject.toml": "", "apps/api/app/main.py": "", "tools/x.js": "",
    })
    (tmp_path / ".git").mkdir()
    assert project_root_for(str(tmp_path / "apps/web/src/a.ts")) == str(tmp_path / "apps/web")
    assert project_root_for(str(tmp_path / "apps/api/app/main.py")) == str(tmp_path / "apps/api")
    assert project_root_for(str(tmp_path / "tools/x.js")) == str(tmp_path)


@pytest.mark.parametrize("rel, test, non_prod, client", [
    ("src/server.js", False, False, False),
    ("src/server.test.js", True, True, False),
    ("tests/test_app.py", True, True, False),
    ("__tests__/a.ts", True, True, False),
    ("scripts/seed.js", False, True, False),
    ("docs/guide.py", False, True, False),
    ("src/components/Button.tsx", False, False, True),
    ("app/api/users/route.ts", False, False, False),
    ("server/routes/users.js", False, False, False),
])
def test_file_roles(rel, test, non_prod, client):
    role = classify(rel)
    assert (role.test, role.non_production, role.client) == (test, non_prod, client)


def test_selectors():
    assert resolve_selector("URL001") == {"URL001"}
    assert resolve_selector("localhost-env-fallback") == {"URL002"}
    assert {"URL001", "URL002"} <= resolve_selector("URL")
    assert resolve_selector("NOPE") == set()


SAMPLE_JS = """
const A = "http://localhost:3000";
function f() { return fetch("http://127.0.0.1:8080/x"); }
const B = process.env.B || "http://localhost:1";
const C = "https://example.com";
"""


def test_combined_query_dispatches_like_separate_queries():
    """One compiled query for every rule gives each rule exactly its own query's matches."""
    doc = Document("/x/app.js", "javascript", SAMPLE_JS.encode())
    combined = Engine().run_query(doc)
    for loaded in all_rules():
        source = loaded.query.get("javascript")
        if not source:
            continue
        alone = ts.QueryCursor(compile_query("javascript", source)).matches(doc.tree.root_node)
        got = [(p, {k: [n.id for n in v] for k, v in caps.items()}) for p, caps in combined.get(loaded.rule.code, [])]
        want = [(p, {k: [n.id for n in v] for k, v in caps.items()}) for p, caps in alone]
        assert sorted(got, key=repr) == sorted(want, key=repr), loaded.rule.code
    assert combined_query("javascript").query.pattern_count >= 3


def test_byte_range_rerun_sees_only_that_region():
    engine = Engine()
    doc = Document("/x/app.js", "javascript", SAMPLE_JS.encode())
    ctx = engine.context(doc, "/x")
    full = engine.check_file(ctx, engine.run_query(doc), Config())
    line3 = doc.index.offset(2, 0)
    region = (line3, doc.index.offset(3, 0))
    part = engine.check_file(ctx, engine.run_query(doc, region), Config(), byte_range=region)
    assert len(full) == 3
    assert [f.span.start_point[0] for f in part] == [2]


def test_facts_are_cached_by_path_and_content_hash(monkeypatch):
    engine = Engine()
    calls = []
    from prodlint.registry import FactExtractor

    def facts(ctx):
        calls.append(ctx.path)
        yield Fact("probe", ctx.path)

    engine.extractors = (FactExtractor("probe", frozenset({"javascript"}), {}, facts),)
    doc = Document("/x/a.js", "javascript", b"const a = 1;")
    first = engine.lint_document(doc, "/x", Config()).facts
    again = engine.lint_document(doc, "/x", Config()).facts
    assert Fact("probe", "/x/a.js") in first and first == again and len(calls) == 1
    engine.lint_document(Document("/x/a.js", "javascript", b"const a = 2;"), "/x", Config())
    assert len(calls) == 2


def test_a_crashing_rule_is_reported_once_and_skipped(tmp_path, caplog):
    engine = Engine()
    from dataclasses import replace

    good = next(r for r in engine.rules if r.rule.code == "URL001")

    def boom(ctx):
        raise RuntimeError("bug in rule")

    bad = replace(next(r for r in engine.rules if r.rule.code == "URL002"), check=boom)
    engine.rules = (good, bad)
    doc = Document(str(tmp_path / "a.js"), "javascript", SAMPLE_JS.encode())
    errors: list[str] = []
    for _ in range(2):
        out = engine.check_file(engine.context(doc, str(tmp_path)), engine.run_query(doc), Config(), errors=errors)
    assert {f.code for f in out} == {"URL001"}
    assert len(errors) == 2 and "URL002 failed" in errors[0]
    assert sum("bug in rule" in r.getMessage() for r in caplog.records) == 1


def test_parallel_run_equals_serial(tmp_path):
    files = {f"src/m{i}.js": f'const A{i} = "http://localhost:{3000 + i}";\n' for i in range(80)}
    files.update({f"py/m{i}.py": f'API = "http://127.0.0.1:{8000 + i}/x"\n' for i in range(20)})
    write(tmp_path, files)
    serial = run([str(tmp_path)], Overrides(), jobs=1)
    parallel = run([str(tmp_path)], Overrides(), jobs=2)
    assert len(serial.findings) == 100
    assert parallel.findings == serial.findings
    assert parallel.files == serial.files == 100


@pytest.mark.parametrize("content, reason", [
    (b"\x00\x00\x00\x00ELF", "binary content"),
    (b"const a = '\xff\xfe';", "not valid UTF-8"),
])
def test_bad_input_is_skipped_with_a_reason(tmp_path, content, reason):
    path = write(tmp_path, {"bad.js": content}) / "bad.js"
    result = lint_file(str(path), str(tmp_path))
    assert result.skipped is not None and result.skipped.startswith(reason)
    assert result.findings == []


def test_deeply_nested_and_huge_lines_do_not_crash(tmp_path):
    deep = "const a = " + "[" * 5000 + '"http://localhost:1"' + "]" * 5000 + ";\n"
    path = write(tmp_path, {"deep.js": deep, "min.js": "var a=1;" * 100_000}) / "deep.js"
    result = lint_file(str(path), str(tmp_path))
    assert result.skipped is None
    assert lint_file(str(tmp_path / "min.js"), str(tmp_path)).skipped is None


def test_project_facts_come_from_unrequested_files_of_the_project(tmp_path):
    """Asking about one file still reads the rest of its project for facts."""
    from prodlint.project import _covered

    write(tmp_path, {"package.json": "{}", "src/a.js": "", "src/b.js": ""})
    assert not _covered(str(tmp_path), [str(tmp_path / "src")])
    assert _covered(str(tmp_path), [str(tmp_path)])


def test_every_rule_and_fact_module_loads():
    from prodlint.registry import LOAD_ERRORS, fact_extractors

    all_rules()
    fact_extractors()
    assert LOAD_ERRORS == []


def test_a_project_inside_a_scripts_folder_is_not_production(tmp_path):
    """tools/scripts/gen/ has its own package.json: its files are still hand-run scripts."""
    write(tmp_path, {
        "package.json": "{}",
        "tools/scripts/gen/package.json": "{}",
        "tools/scripts/gen/index.js": 'const API = "http://localhost:3000";\n',
        "src/server.js": 'const API = "http://localhost:3000";\n',
    })
    (tmp_path / ".git").mkdir()
    report = run([str(tmp_path)], Overrides(select=("URL001",)), jobs=1)
    assert [os.path.relpath(f.path, tmp_path) for f in report.findings] == ["src/server.js"]
    # asked about directly, the script folder is the tree being linted: its files are judged
    direct = run([str(tmp_path / "tools/scripts/gen")], Overrides(select=("URL001",)), jobs=1)
    assert [os.path.basename(f.path) for f in direct.findings] == ["index.js"]


def test_node_index_from_the_combined_pass_equals_its_own_query():
    """The node index captured in the rules' pass is the one a separate query builds."""
    from prodlint.engine import NODE_INDEX
    from prodlint.syntax import _build_node_index

    rules_dir = Path(__file__).resolve().parent.parent / "rules" / "prodlint_rules"
    paths = [p for p in walk(str(rules_dir)) if isinstance(p, str)]
    assert len(paths) > 100
    for path in paths:
        language = language_for(path)
        if language not in ("javascript", "typescript", "tsx", "python"):
            continue
        doc = Document(path, language, Path(path).read_bytes())
        ctx = Engine().context(doc, os.path.dirname(path))
        folded = _build_node_index(ctx, Engine().run_query(doc)[NODE_INDEX])
        alone = _build_node_index(ctx)
        assert [n.id for n in folded.nodes] == [n.id for n in alone.nodes], path
        assert (folded.starts, folded.ends, folded.by_type) == (alone.starts, alone.ends, alone.by_type), path


def test_walk_types_from_the_index_equals_a_walk_of_the_tree():
    """For the whole file and for every subtree holding an indexed node, the index answers what
    a walk of the tree finds, in the same order."""
    from prodlint.engine import NODE_INDEX
    from prodlint.syntax import INDEXED_TYPES, _walk_types, seed_node_index, walk_types

    rules_dir = Path(__file__).resolve().parent.parent / "rules" / "prodlint_rules"
    paths = [p for p in walk(str(rules_dir)) if isinstance(p, str)]
    type_sets = [{"call_expression", "call"}, {"variable_declarator", "assignment"},
                 {"arrow_function", "function_declaration", "function_expression", "function_definition"},
                 {"await_expression", "for_in_statement"}, {"template_string"}, {"import_statement"}]
    checked = 0
    for path in paths:
        language = language_for(path)
        if language not in ("javascript", "typescript", "tsx", "python"):
            continue
        doc = Document(path, language, Path(path).read_bytes())
        engine = Engine()
        ctx = engine.context(doc, os.path.dirname(path))
        seed_node_index(ctx, engine.run_query(doc)[NODE_INDEX])
        root = doc.tree.root_node
        subtrees = [root] + list(_walk_types(root, INDEXED_TYPES))[:40]
        for sub in subtrees:
            for types in type_sets:
                assert [n.id for n in walk_types(sub, types, ctx)] == [n.id for n in _walk_types(sub, types)], \
                    (path, sub.type, sorted(types))
                checked += 1
    assert checked > 5000


# ---------------------------------------------------------------- literal predicates

@pytest.mark.parametrize("predicate, compiled", [
    ('(#match? @m "^(log|info|warn)$")', '(#any-of? @m "log" "info" "warn")'),
    ('(#match? @obj "^(os\\\\.environ|environ)$")', '(#any-of? @obj "os.environ" "environ")'),
    ('(#match? @x "^word$")', '(#any-of? @x "word")'),
    ('(#not-match? @x "^(a|b)$")', '(#not-any-of? @x "a" "b")'),
    # anything that is not a list of exact words stays a regex
    ('(#match? @fn "(^|\\\\.)(get|post)$")', None),
    ('(#match? @fn "^(os\\\\.)?environ$")', None),
    ('(#match? @x "^(a|b)")', None),
    ('(#match? @x "^a|b$")', None),
    ('(#match? @x "^(a|b)|c$")', None),
    ('(#match? @x "(Pool|Redis)$")', None),
    ('(#match? @x "^\\\\$x$")', None),
])
def test_exact_word_regexes_compile_to_string_comparisons(predicate, compiled):
    assert literal_predicates(predicate) == (compiled or predicate)


def test_literal_predicates_find_the_same_matches_as_the_regexes():
    source = b"console.log(1); console.logger(2); xconsole.warn(3); console.warn(4);\n"
    regex = ('((call_expression function: (member_expression object: (identifier) @o property: '
             '(property_identifier) @m)) @call (#eq? @o "console") (#match? @m "^(log|warn)$"))')
    doc = Document("/x.js", "javascript", source)

    def found(query_source: str) -> list[bytes]:
        query = ts.Query(doc.tree.language, query_source)
        return [caps["call"][0].text for _, caps in ts.QueryCursor(query).matches(doc.tree.root_node)]

    assert found(literal_predicates(regex)) == found(regex) == [b"console.log(1)", b"console.warn(4)"]
