"""What a file is for, judged from its path relative to its project root (and, for a package
built for the browser, from its Vite config or its package.json).

Runtime rules (ERR/HLT/LOG/URL/RATE/SIG/DB) skip tests, fixtures, examples, docs and scripts run
by hand; LOG also skips browser-only frontend code. Secrets rules apply everywhere but lower
their severity in tests.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache

from prodlint.api import FileRole
from prodlint.regular_files import read_regular

_TEST_FILE = re.compile(r"(^|/)(test_[^/]*\.py|[^/]*_test\.py|conftest\.py|[^/]*\.(test|spec|e2e|cy)\.[cm]?[jt]sx?|"
                        r"test[A-Z-][^/]*\.[cm]?[jt]sx?)$")
_TEST_DIR = re.compile(r"(^|/)(tests?|__tests__|__mocks__|spec|e2e|cypress|playwright)/")
_NON_PROD_DIR = re.compile(
    r"(^|/)(fixtures?|__fixtures__|examples?|samples?|demo|docs?|scripts?|seeds?|stories|storybook|"
    r"mocks?|benchmarks?|bench)/"
)
_NON_PROD_FILE = re.compile(r"(^|/)([^/]*\.stories\.[jt]sx?|seed\.[cm]?[jt]s|[^/]*\.config\.[cm]?[jt]s|setup\.py|noxfile\.py|fabfile\.py)$")
_CLIENT_DIR = re.compile(r"(^|/)(public|static|assets|components|hooks|pages(?!/api)|app/(?!.*route\.[jt]sx?$)|src/(components|hooks|views|store|features))/")
_CLIENT_FILE = re.compile(r"\.(jsx|tsx)$")
_VITE_MARKERS = ("vite.config.js", "vite.config.ts", "vite.config.mjs", "vite.config.mts")


#: the folder names of `_TEST_DIR`, `_NON_PROD_DIR` and the server folders, as sets: `classify`
#: runs for every file, and a set lookup per folder costs a fraction of a regular expression
#: that tries every position of the path (tests/test_roles.py checks they agree)
_TEST_DIRS = frozenset({"test", "tests", "__tests__", "__mocks__", "spec", "e2e", "cypress", "playwright"})
_NON_PROD_DIRS = frozenset({
    "fixture", "fixtures", "__fixtures__", "example", "examples", "sample", "samples", "demo", "doc", "docs",
    "script", "scripts", "seed", "seeds", "stories", "storybook", "mock", "mocks", "benchmark", "benchmarks", "bench",
})
_SERVER_DIRS = frozenset({"server", "api", "backend", "routes", "controllers", "middleware", "middlewares"})
#: `_TEST_FILE` and `_NON_PROD_FILE` for the file's own name
_TEST_NAME = re.compile(_TEST_FILE.pattern.replace("(^|/)(", "(?:", 1))
_NON_PROD_NAME = re.compile(_NON_PROD_FILE.pattern.replace("(^|/)(", "(?:", 1))


def classify(relpath: str, vite_project: bool = False) -> FileRole:
    """The role of a file from its path relative to its project root ("/" separators)."""
    path = relpath.replace("\\", "/").lstrip("./") if relpath.startswith("./") else relpath.replace("\\", "/")
    *folders, name = path.split("/")
    test = not _TEST_DIRS.isdisjoint(folders) or bool(_TEST_NAME.match(name))
    non_production = test or not _NON_PROD_DIRS.isdisjoint(folders) or bool(_NON_PROD_NAME.match(name))
    server_dirs = not _SERVER_DIRS.isdisjoint(folders)
    component = path.endswith((".jsx", ".tsx"))
    if server_dirs and not component:
        client = False  # whatever the folders say
    else:
        client = bool(_CLIENT_FILE.search(path) or _CLIENT_DIR.search(path))
    vite_client = vite_project and not server_dirs and path.endswith((".js", ".jsx", ".ts", ".tsx", ".mjs", ".mts"))
    return _role(test, non_production, client or vite_client, vite_client)


@lru_cache(maxsize=1024)
def folders_say(folders: str) -> tuple[bool, bool]:
    """(test, non_production) as `classify` judges them from these folders ("a/b") alone. For a
    path `folders/rest` whose `rest` is neither, `classify` says exactly this: the file's name
    and the folders of `rest` already said no, and a name or folder is judged by itself. Asked
    for the folders between the tree the user named and a project inside it, once per project."""
    names = folders.replace("\\", "/").split("/")
    test = not _TEST_DIRS.isdisjoint(names)
    return test, test or not _NON_PROD_DIRS.isdisjoint(names)


#: every role `classify` has made, by its fields: a run asks for one per file (twice when the
#: user named a folder inside the project), and few distinct roles exist
_ROLES: dict[tuple[bool, bool, bool, bool], FileRole] = {}


def _role(test: bool, non_production: bool, client: bool, vite_client: bool) -> FileRole:
    key = (test, non_production, client, vite_client)
    role = _ROLES.get(key)
    if role is None:
        role = _ROLES[key] = FileRole(test=test, non_production=non_production, client=client,
                                      vite_client=vite_client)
    return role


@lru_cache(maxsize=1024)
def is_vite_root(names: frozenset[str]) -> bool:
    """Whether a project root's file names include a Vite config (asked once per root)."""
    return any(marker in names for marker in _VITE_MARKERS)


#: packages that make a package a server, whatever else it bundles
_SERVER_PACKAGES = ("express", "fastify", "koa", "hono", "@nestjs/core", "next", "@hapi/hapi", "restify")


@lru_cache(maxsize=1024)
def is_cra_root(root: str) -> bool:
    """A Create React App package (`react-scripts`, and no server framework beside it): its
    JavaScript is built for the browser, as a Vite app's is (`roles.classify`)."""
    try:
        manifest = json.loads(read_regular(os.path.join(root, "package.json"), 1 << 20))
    except (OSError, ValueError, RecursionError):  # unreadable, not JSON, nested too deeply
        return False
    if not isinstance(manifest, dict):
        return False
    declared: set[str] = set()
    for key in ("dependencies", "devDependencies"):
        deps = manifest.get(key)
        if isinstance(deps, dict):
            declared.update(deps)
    return "react-scripts" in declared and not declared.intersection(_SERVER_PACKAGES)
