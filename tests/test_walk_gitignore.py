"""prodlint.gitignore decides exactly as pathspec's GitIgnoreSpec (the walk's .gitignore semantics),
on generated lines (globs, `**`, anchors, negations, folder-only lines, escapes, comments, blank
lines) and generated paths (files and folders, odd ones included)."""

from __future__ import annotations

import warnings

import pathspec
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from prodlint.gitignore import GitIgnore, compile_gitignore, compile_line
from prodlint.walk import IgnoreStack, walk

CORE = ["a", "b", "ab"]  # drawn most often, so that lines and paths meet
NAMES = ["a", "b", "ab", "node_modules", "dist", ".env", ".env.local", "x.log", "a b", "#x", "!a", "a-b", "é"]
GLOB_PARTS = ["a", "b", ".", "-", "*", "?", "[ab]", "[!a]", "[a-c]", "\\*", "\\#", "\\!", "\\ ", " ", "#", "!",
              "log", "env", "\\", "[", "]", "+", "(", ")", "$", "^", "{", "}", "|"]


def _segment() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(CORE), st.sampled_from(CORE), st.sampled_from(NAMES), st.just("*"), st.just("**"),
                     st.lists(st.sampled_from(GLOB_PARTS), min_size=1, max_size=4).map("".join))


# plain names, negated, anchored or folder-only: the lines the name shortcut answers, where the
# order of several lines about the same name decides
NAME_LINES = st.builds(lambda neg, root, name, slash: ("!" if neg else "") + ("/" if root else "") + name
                       + ("/" if slash else ""), st.booleans(), st.booleans(), st.sampled_from(CORE), st.booleans())

LINES = st.one_of(
    NAME_LINES, NAME_LINES,
    st.builds(lambda neg, root, segs, slash, tail: ("!" if neg else "") + ("/" if root else "") + "/".join(segs)
              + ("/" if slash else "") + tail,
              st.booleans(), st.booleans(), st.lists(_segment(), min_size=1, max_size=3), st.booleans(),
              st.sampled_from(["", "", " ", "  ", "\\ "])),
    st.sampled_from(["", "   ", "# a comment", "#", "/", "!", "\\", "**", "**/", "*", "*/", "!*", "/**/a"]),
    st.text(alphabet="ab./*?[]!\\# -", max_size=8),
)

PATHS = st.one_of(
    st.builds(lambda parts, folder: "/".join(parts) + ("/" if folder else ""),
              st.lists(st.one_of(st.sampled_from(CORE), st.sampled_from(NAMES + ["x", "c.log", "env", "log", "[ab]", "*", "a\\b", "?"])),
                       min_size=1, max_size=5), st.booleans()),
    st.text(alphabet="ab./\n #!*", max_size=10),
)


def _reference(lines: list[str]) -> pathspec.GitIgnoreSpec:
    """pathspec itself, on the lines it accepts (compile_gitignore skips the others, as git does)."""
    kept = []
    for line in lines:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pathspec.GitIgnoreSpec.from_lines([line])
        except Exception:  # noqa: BLE001 - pathspec's ValueError, or re.error for `[z-a]`
            continue
        kept.append(line)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pathspec.GitIgnoreSpec.from_lines(kept)


def _ours(lines: list[str]) -> GitIgnore:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return compile_gitignore(lines)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=8), st.lists(PATHS, min_size=1, max_size=6))
@example(["!b", "a/"], ["a/b"])
@example(["!a", "/a", "a"], ["a"])
@example(["a/", "!b"], ["a/b", "a/b/", "a"])
@example(["node_modules", "!node_modules/keep"], ["node_modules/keep", "x/node_modules/keep", "node_modules/"])
@example(["x", "x/"], ["x/a/x", "x/a/x/", "x/a/xy", "/x", "//x", "x\n", "a/x\n/b", "./x", "x/"])
@example(["/build", "!/build/keep", "*.log", "!important.log"], ["build", "build/", "build/keep", "a/important.log"])
@example(["**/", "*/", "*", "**", "/"], ["a", "a/", "a/b"])
@example(["[(?P<ps_d>]", "a[(]"], ["(", "a(", "x/P/"])
def test_the_verdict_is_pathspecs(lines: list[str], paths: list[str]) -> None:
    ours, reference = _ours(lines), _reference(lines)
    for path in paths:
        assert ours.check(path) == reference.check_file(path).include, (lines, path)


def test_common_lines_take_the_name_shortcut():
    """The shortcut is taken (the property test would pass if every line went to its expression)."""
    for line, anywhere, dir_only in [("node_modules", True, False), ("dist/", True, True), ("/build", False, False),
                                     ("/.next/", False, True), (".env.local", True, False), ("**/out", True, False),
                                     ("!a b", True, False), ("\\#x", True, False)]:
        compiled = compile_line(line)
        assert compiled is not None and compiled.shape is not None, line
        assert (compiled.shape.anywhere, compiled.shape.dir_only) == (anywhere, dir_only), line
        assert compiled.regex is None  # never compiled
    for line in ["*.log", "a/b", "/a/*.js", "a/**/b", "**/", "x?"]:
        compiled = compile_line(line)
        assert compiled is not None and compiled.shape is None and compiled.regex is None, line  # compiled when used
    for line in ["[ab]", "x[!a-c]", "*"]:  # not the known tokens alone (a bracket expression might not
        # compile): compiled, and so checked, up front
        compiled = compile_line(line)
        assert compiled is not None and compiled.shape is None and compiled.regex is not None, line


@pytest.mark.parametrize("line, literal", [("*.log", ".log"), ("npm-debug.log*", "npm-debug.log"),
                                           ("/.vscode/settings.json", ".vscode/settings.json"),
                                           ("a/**/bc", "/bc"), ("[ab]x", ""), ("*", ""), ("*.env*", ".env")])
def test_each_expression_is_tried_only_where_its_literal_is(line, literal):
    compiled = compile_line(line)
    assert compiled is not None and compiled.literal == literal


def test_invalid_lines_are_skipped_and_reported():
    invalid: list[str] = []
    spec = compile_gitignore(["\\", "[z-a]", "dist", "# c", ""], invalid)
    assert invalid == ["\\", "[z-a]"]
    assert spec.check("dist/") is True and spec.check("src/a.js") is None
    assert not compile_gitignore(["# only comments", "", "   "])


def test_the_walk_prunes_ignored_folders_and_keeps_re_included_files(tmp_path):
    (tmp_path / ".gitignore").write_text("vendored\nout/\n/gen\n*.gen.js\n!keep.gen.js\n")
    for rel in ["a.js", "x/vendored/m.js", "out/o.js", "src/out/o.js", "gen/b.js", "src/gen/b.js",
                "src/a.gen.js", "src/keep.gen.js"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n")
    found = sorted(str(p)[len(str(tmp_path)) + 1:] for p in walk(str(tmp_path)) if isinstance(p, str))
    assert found == [".gitignore", "a.js", "src/gen/b.js", "src/keep.gen.js"]
    stack = IgnoreStack().push(str(tmp_path))
    assert stack.ignored(str(tmp_path / "src" / "out"), True)
    assert not stack.ignored(str(tmp_path / "src" / "out"), False)  # `out/` names folders only
