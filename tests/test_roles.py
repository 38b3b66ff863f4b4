"""`roles.classify` answers as the path regular expressions it was first written with: folder
names are looked up in sets and the file's own name matched alone, which must change nothing."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prodlint.core import FileRole
from prodlint.roles import (
    _CLIENT_DIR, _CLIENT_FILE, _DEV_SETTINGS, _NON_PROD_DIR, _NON_PROD_FILE, _TEST_DIR, _TEST_FILE, LOCALE_PATH, classify,
    role_folders,
)


def classify_by_regex(relpath: str, vite_project: bool = False) -> FileRole:
    """The definition: every test a regular expression over the whole path."""
    path = re.sub(r"^(\./)+", "", relpath.replace("\\", "/"))
    *folders, name = path.split("/")
    said = "/".join(role_folders(folders, name) + [name])  # a route's URL segments say nothing
    test = bool(_TEST_FILE.search(said) or _TEST_DIR.search(said))
    non_production = test or bool(_NON_PROD_DIR.search(said) or _NON_PROD_FILE.search(said) or _DEV_SETTINGS.search(said))
    client = bool(_CLIENT_DIR.search(path) or _CLIENT_FILE.search(path))
    server_dirs = re.search(r"(^|/)(server|api|backend|routes|controllers|middlewares?)/", path)
    if server_dirs and not path.endswith((".jsx", ".tsx")):
        client = False
    vite_client = vite_project and not server_dirs and path.endswith((".js", ".jsx", ".ts", ".tsx", ".mjs", ".mts"))
    migration = re.search(r"(^|/)migrations?/\d{4,}[-_.][^/]*\.(py|[cm]?[jt]s)$", path) is not None
    return FileRole(test=test, non_production=non_production or migration, client=client or vite_client,
                    vite_client=vite_client, locale=LOCALE_PATH.search(path) is not None, migration=migration)


_WORDS = ["test", "tests", "__tests__", "__mocks__", "spec", "e2e", "cypress", "playwright", "fixture", "fixtures",
          "__fixtures__", "example", "examples", "sample", "samples", "demo", "doc", "docs", "script", "scripts",
          "seed", "seeds", "stories", "storybook", "mock", "mocks", "benchmark", "benchmarks", "bench", "server", "api",
          "backend", "routes", "controllers", "middleware", "middlewares", "public", "static", "assets", "components",
          "hooks", "pages", "app", "src", "views", "store", "features", "lib", "testing", "docs2", "", ".", "..",
          "Tests", "a b", "x\n", "é", ".github", "github", ".husky", ".circleci", ".gitlab",
          "push-examples", "api_sample", "react-demo", "demos", "example-app", "x-examples-y", "-demo",
          "e2e_tests", "integration-tests", "test-utils", "tests_data", "latest", "contest", "settings", "config",
          "conf"]
_NAMES = ["index.js", "app.ts", "test_app.py", "app_test.py", "conftest.py", "a.test.ts", "a.spec.jsx", "a.cy.mjs",
          "testFoo.js", "test-x.cjs", "testfoo.js", "Button.stories.tsx", "seed.ts", "seed.mjs", "vite.config.mts",
          "setup.py", "noxfile.py", "fabfile.py", "route.ts", "page.tsx", "x.jsx", "main.py", "seeds.ts", "a.e2e.tsx",
          "setup.py\n", "test_x.py\n", ".env", "api", "tests", ".eslintrc.js", ".releaserc.cjs", "x.releaserc.js",
          ".babelrc", ".mocharc.json", "dev.py", "development.js", "local_dev.py", "ci.py", "settings_ci.py",
          "settings-dev.py", "local.py", "production.py", "settings.py", "test.json", "devtools.py"]
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
    assert classify(".github/scripts/release.mjs").non_production  # run by CI only
    assert classify(".releaserc.js").non_production and classify(".eslintrc.cjs").non_production  # tool configs
    assert not classify("src/releaserc.js").non_production
    assert classify("extra/push-examples/python/index.py").non_production
    assert not classify("src/example-app/index.js").non_production
    assert classify("packages/e2e_tests/utils/api.ts").test and classify("src/test-utils/render.tsx").test
    # a Next.js route's folders are its URL: served in production whatever they spell
    assert classify("app/api/cron/e2e-tests/route.ts") == classify("app/api/cron/route.ts")
    assert not classify("src/app/(docs)/docs/[slug]/page.tsx").non_production
    assert not classify("pages/api/examples/list.ts").non_production
    assert classify("e2e/app/page.ts").test and classify("app/api/tests/route.test.ts").test
    assert classify("settings/local_dev.py").non_production and classify("config/development.js").non_production
    assert not classify("settings/production.py").non_production and not classify("settings/local.py").non_production


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
    if "/" not in rel.replace("\\", "/") and _DEV_SETTINGS.search(folders.replace("\\", "/").rsplit("/", 1)[-1] + "/" + rel):
        return  # a development settings module is told by its folder with its name: the project's own folder
    *above, name = (folders + "/" + rel).replace("\\", "/").split("/")
    if len(role_folders(above, name)) < len(folders.replace("\\", "/").split("/")):
        return  # a route whose routes' root (`app/`, `pages/`) is above the project: no project sits in one
    wide = classify(folders + "/" + rel)
    assert folders_say(folders) == (wide.test, wide.non_production)


# ------------------------------------------------------------------ translation catalogues

def _tree(root, names):
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}")
    return root


@pytest.mark.parametrize("names, asked, locale", [
    (["strings/en-us.json", "strings/de.json", "strings/pt_BR.json"], "strings/de.json", True),
    (["strings/en.json", "strings/de.json", "strings/fr.json", "strings/fil.json"], "strings/fil.json", True),
    (["l10n/en/common.json", "l10n/de/common.json", "l10n/zh-Hans/common.json"], "l10n/zh-Hans/common.json", True),
    (["_locales/en/messages.json", "_locales/es/messages.json", "_locales/ja/messages.json"],
     "_locales/ja/messages.json", True),
    # environments, not languages, and no English among them
    (["config/dev.json", "config/stg.json", "config/prd.json", "config/qa.json"], "config/prd.json", False),
    (["config/de.json", "config/fr.json", "config/it.json"], "config/de.json", False),  # no English
    (["text/en.json", "text/de.json"], "text/de.json", False),  # two are not yet a folder of them
    (["text/en.json", "text/de.json", "text/fr.ts"], "text/de.json", False),  # counted by extension
    (["src/api/users.ts", "src/db/index.ts", "src/ui/app.ts", "src/en/x.ts"], "src/api/users.ts", False),
])
def test_translation_catalogues_are_told_by_their_names(tmp_path, names, asked, locale):
    from prodlint.engine import role_for
    from prodlint.project import forget_configs

    forget_configs()
    _tree(tmp_path, ["package.json", *names])
    assert role_for(str(tmp_path / asked), str(tmp_path)).locale is locale


def test_a_locale_folder_is_a_catalogue_by_its_path_alone():
    assert classify("src/i18n/de.json").locale and classify("public/locales/de/common.json").locale
    assert not classify("src/config/de.json").locale


# ------------------------------------------------------------------ schema migrations

@pytest.mark.parametrize("path, migration", [
    ("shop/migrations/0001_initial.py", True),
    ("src/migration/1690000000000-AddPriceIndex.ts", True),
    ("db/migrations/20240101120000-create-user.js", True),
    ("db/migrations/20240101120000_users.cjs", True),
    ("shop/migrations/__init__.py", False),
    ("mealie/services/migrations/myrecipebox.py", False),  # a service that imports other apps' data
    ("src/migrations/index.ts", False),
    ("src/versions/0001_initial.py", False),
])
def test_migrations_are_told_by_folder_and_name(path, migration):
    role = classify(path)
    assert role.migration is migration
    assert role.non_production is migration


@pytest.mark.parametrize("marker", ["env.py", "script.py.mako"])
def test_an_alembic_revision_is_a_migration_whatever_its_name(tmp_path, marker):
    from prodlint.engine import role_for
    from prodlint.project import forget_configs

    forget_configs()
    _tree(tmp_path, ["requirements.txt", f"app/db/revisions/{marker}", "app/db/revisions/versions/2024-05-01_9f1c2ab3.py",
                     "app/api/versions/v2.py"])
    revision = role_for(str(tmp_path / "app/db/revisions/versions/2024-05-01_9f1c2ab3.py"), str(tmp_path))
    assert revision.migration and revision.non_production
    assert not role_for(str(tmp_path / "app/api/versions/v2.py"), str(tmp_path)).migration  # no Alembic env beside it


@pytest.mark.parametrize("path, test", [("shop/tests.py", True), ("shop/test.py", True), ("tests.py", True),
                                        ("shop/contests.py", False), ("shop/latest.py", False)])
def test_a_django_apps_tests_module_is_a_test(path, test):
    assert classify(path).test is test


def test_a_route_is_never_a_development_settings_module():
    """A page below `pages/` (or a route below `app/`) runs in production whatever its folders
    and name spell: `config/pages/development.js` is served at /development."""
    assert not classify("config/pages/development.js").non_production
    assert not classify("pages/config/development.js").non_production
    assert not classify("settings/app/dev/route.ts").non_production
    assert classify("config/development.js").non_production and classify("settings/dev.py").non_production
