"""`roles.classify` answers as the path regular expressions it was first written with: folder
names are looked up in sets and the file's own name matched alone, which must change nothing."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from prodlint.core import FileRole
from prodlint.roles import _CLIENT_DIR, _CLIENT_FILE, _NON_PROD_DIR, _NON_PROD_FILE, _TEST_DIR, _TEST_FILE, classify


def classify_by_regex(relpath: str, vite_project: bool = False) -> FileRole:
    """The definition: every test a regular expression over the whole path."""
    path = relpath.replace("\\", "/").lstrip("./") if relpath.startswith("./") else relpath.replace("\\", "/")
    test = bool(_TEST_FILE.search(path) or _TEST_DIR.search(path))
    non_production = test or bool(_NON_PROD_DIR.search(path) or _NON_PROD_FILE.search(path))
    client = bool(_CLIENT_DIR.search(path) or _CLIENT_FILE.search(path))
    server_dirs = re.search(r"(^|/)(server|api|backend|routes|controllers|middlewares?)/", path)
    if server_dirs and not path.endswith((".jsx", ".tsx")):
        client = False
    vite_client = vite_project and not server_dirs and path.endswith((".js", ".jsx", ".ts", ".tsx", ".mjs", ".mts"))
    return FileRole(test=test, non_production=non_production, client=client or vite_client, vite_client=vite_client)


_WORDS = ["test", "tests", "__tests__", "__mocks__", "spec", "e2e", "cypress", "playwright", "fixture", "fixtures",
          "__fixtures__", "example", "examples", "sample", "samples", "demo", "doc", "docs", "script", "scripts",
          "seed", "seeds", "stories", "storybook", "mock", "mocks", "benchmark", "benchmarks", "bench", "server", "api",
          "backend", "routes", "controllers", "middleware", "middlewares", "public", "static", "assets", "components",
          "hooks", "pages", "app", "src", "views", "store", "features", "lib", "testing", "docs2", "", ".", "..",
          "Tests", "a b", "x\n", "é"]
_NAMES = ["index.js", "app.ts", "test_app.py", "app_test.py", "conftest.py", "a.test.ts", "a.spec.jsx", "a.cy.mjs",
          "testFoo.js", "test-x.cjs", "testfoo.js", "Button.stories.tsx", "seed.ts", "seed.mjs", "vite.config.mts",
          "setup.py", "noxfile.py", "fabfile.py", "route.ts", "page.tsx", "x.jsx", "main.py", "seeds.ts", "a.e2e.tsx",
          "setup.py\n", "test_x.py\n", ".env", "api", "tests"]
_PATHS = st.builds(lambda folders, name, lead, sep: lead + sep.join(folders + [name]),
                   st.lists(st.sampled_from(_WORDS), max_size=5), st.sampled_from(_NAMES),
                   st.sampled_from(["", "./", "././"]), st.sampled_from(["/", "\\"]))


@settings(max_examples=3000, deadline=None)
@given(_PATHS, st.booleans())
def test_classify_agrees_with_the_regular_expressions(path: str, vite: bool) -> None:
    assert classify(path, vite) == classify_by_regex(path, vite)


def test_some_roles() -> None:
    assert classify("tests/unit/app.js").test
    assert classify("src/api/users.ts") == FileRole()
    assert classify("scripts/seed.ts").non_production and not classify("scripts/seed.ts").test
    assert classify("src/components/Button.tsx").client
    assert classify("src/routes/index.js", vite_project=True) == FileRole()


_FOLDERS = st.builds(lambda folders, sep: sep.join(folders), st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4),
                     st.sampled_from(["/", "\\"]))
_RELS = st.builds(lambda folders, name, sep: sep.join(folders + [name]),
                  st.lists(st.sampled_from(_WORDS), max_size=4), st.sampled_from(_NAMES), st.sampled_from(["/", "\\"]))


@settings(max_examples=3000, deadline=None)
@given(_FOLDERS, _RELS)
def test_the_folders_above_a_production_file_say_what_classify_says(folders: str, rel: str) -> None:
    """`role_for` asks `folders_say` about the folders between the tree the user named and the
    project instead of classifying the whole path again, for a file its project calls production."""
    from prodlint.roles import folders_say

    if classify(rel).non_production:
        return
    wide = classify(folders + "/" + rel)
    assert folders_say(folders) == (wide.test, wide.non_production)
