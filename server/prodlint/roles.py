"""What a file is for, judged from its path relative to its project root (and, for a package
built for the browser, from its Vite config or its package.json).

Runtime rules (ERR/HLT/LOG/URL/RATE/SIG/DB) skip tests (also in a folder named as one kind
of them: `e2e_tests`, `test-utils`), the settings of development, CI and tests
(`settings/dev.py`, `config/development.js`), fixtures, examples (also a folder named as one
kind of them: `push-examples`, `api_samples`, `react-demo`), docs, scripts run by hand, code
that only CI runs (`.github/`, `.gitlab/`, `.circleci/`, `.husky/`), the test cases of a project's
own semgrep rules (`.semgrep/`: code written to match or not match a rule), tool configs
(`*.config.js`, `.eslintrc.js`, `.releaserc.js`), schema migrations (`migration`) and minified
bundles committed with the code (told from their bytes: `minified`); LOG also skips
browser-only frontend code. Secrets rules apply everywhere but lower their severity in tests, and judge no names in translation
catalogues (`locale`), whose keys and labels say "Password" and "Token" without binding a secret.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache

from prodlint.api import FileRole
from prodlint.paths import dir_names
from prodlint.regular_files import read_regular

#: test files, and the configs and setup files of test runners (they run only under the runner)
_TEST_FILE = re.compile(r"(^|/)(test_[^/]*\.py|[^/]*_test\.py|tests?\.py|conftest\.py|[^/]*\.(test|spec|e2e|cy)\.[cm]?[jt]sx?|"
                        r"test[A-Z-][^/]*\.[cm]?[jt]sx?|(playwright|vitest|jest|cypress|karma|wdio)\.config\.[cm]?[jt]s|"
                        r"vitest\.workspace\.[cm]?[jt]s|(jest|vitest)\.setup\.[cm]?[jt]sx?|setupTests\.[jt]sx?)$")
_TEST_DIR = re.compile(r"(^|/)(tests?|__tests__|__mocks__|spec|e2e|cypress|playwright|[^/]*[-_]tests|tests?[-_][^/]*)/")
_NON_PROD_DIR = re.compile(
    r"(^|/)(fixtures?|__fixtures__|examples?|samples?|demo|docs?|scripts?|seeds?|stories|storybook|"
    r"mocks?|benchmarks?|bench|\.github|\.gitlab|\.circleci|\.husky|\.semgrep|[^/]*[-_](examples?|samples?|demos?))/"
)
_NON_PROD_FILE = re.compile(r"(^|/)([^/]*\.stories\.[jt]sx?|seed\.[cm]?[jt]s|[^/]*\.config\.[cm]?[jt]s|\.[\w-]+rc\.[cm]?[jt]s|"
                            r"setup\.py|noxfile\.py|fabfile\.py)$")
#: a settings module of development, CI or tests (`settings/dev.py`, `settings/local_dev.py`,
#: `config/development.js`, `settings_ci.py`): production reads another one
_DEV_SETTINGS = re.compile(r"(^|/)((settings|config|conf)/(local[-_])?(dev|development|ci|test|testing)([-_.][\w-]*)?"
                           r"\.(py|[cm]?[jt]s|json)|settings[-_](local[-_])?(dev|development|ci|test|testing)([-_.][\w-]*)?\.py)$")
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
    ".github", ".gitlab", ".circleci", ".husky", ".semgrep",
})
#: test folders named as one kind of them (`e2e_tests`, `integration-tests`, `test-utils`, `tests_data`)
_TEST_DIR_SUFFIXES, _TEST_DIR_PREFIXES = ("-tests", "_tests"), ("test-", "test_", "tests-", "tests_")
#: and folders named as one of a kind (`push-examples`, `api_samples`, `react-demo`)
_NON_PROD_DIR_SUFFIXES = tuple(sep + word for sep in "-_" for word in ("example", "examples", "sample", "samples",
                                                                        "demo", "demos"))
_SERVER_DIRS = frozenset({"server", "api", "backend", "routes", "controllers", "middleware", "middlewares"})
#: `_TEST_FILE` and `_NON_PROD_FILE` for the file's own name
_TEST_NAME = re.compile(_TEST_FILE.pattern.replace("(^|/)(", "(?:", 1))
_NON_PROD_NAME = re.compile(_NON_PROD_FILE.pattern.replace("(^|/)(", "(?:", 1))


def classify(relpath: str, vite_project: bool = False) -> FileRole:
    """The role of a file from its path relative to its project root ("/" separators)."""
    path = relpath.replace("\\", "/")
    while path.startswith("./"):  # (not `lstrip("./")`, which takes the dot of `.github/` too)
        path = path[2:]
    *folders, name = path.split("/")
    said = role_folders(folders, name)
    test = not _TEST_DIRS.isdisjoint(said) or bool(_TEST_NAME.match(name)) or _named_test(said)
    non_production = test or not _NON_PROD_DIRS.isdisjoint(said) or bool(_NON_PROD_NAME.match(name)) \
        or _named_non_production(said) or (said is folders and _dev_settings(folders, name))
    server_dirs = not _SERVER_DIRS.isdisjoint(folders)
    component = path.endswith((".jsx", ".tsx"))
    if server_dirs and not component:
        client = False  # whatever the folders say
    else:
        client = bool(_CLIENT_FILE.search(path) or _CLIENT_DIR.search(path))
    vite_client = vite_project and not server_dirs and path.endswith((".js", ".jsx", ".ts", ".tsx", ".mjs", ".mts"))
    migration = bool(folders) and folders[-1] in _MIGRATION_DIRS and _MIGRATION_NAME.match(name) is not None
    return _role(test, non_production or migration, client or vite_client, vite_client, locale_path(path), migration)


#: where migrate tools keep their scripts, and how they name them: a sequence or a timestamp first
#: (Django `0001_initial.py`, Sequelize `20240101120000-create-user.js`, TypeORM `1690000000000-Init.ts`,
#: Knex `20240101120000_users.js`); a service module of the app in a `migrations/` folder
#: (`importers.py`, `myrecipebox.py`) is named otherwise
_MIGRATION_DIRS = frozenset({"migrations", "migration"})
_MIGRATION_NAME = re.compile(r"\d{4,}[-_.][^/]*\.(?:py|[cm]?[jt]s)$")
#: what an Alembic environment folder holds beside `versions/` (Alembic, Flask-Migrate)
_ALEMBIC_MARKERS = ("env.py", "script.py.mako")


def alembic_revision(path: str) -> bool:
    """A Python file in the `versions/` folder of an Alembic environment (its `env.py` or
    `script.py.mako` beside that folder), whatever the revisions are named."""
    folder = os.path.dirname(path)
    if not path.endswith(".py") or os.path.basename(folder) != "versions":
        return False
    names = dir_names(os.path.dirname(folder))
    return any(marker in names for marker in _ALEMBIC_MARKERS)


#: a translation catalogue's folder (`locales/en.json`, `i18n/de/common.json`)
LOCALE_PATH = re.compile(r"(^|/)(locales?|i18n|lang|langs|translations?|messages|intl)/", re.I)
#: a word each alternative of `LOCALE_PATH` holds, lower-cased
_LOCALE_WORD = re.compile("locale|i18n|lang|translation|messages|intl")


def locale_path(relpath: str) -> bool:
    """`LOCALE_PATH.search(relpath)`, tried only on a path holding one of its folder names (a
    non-ASCII path always is: ignoring case, `ſ` matches `s`)."""
    if relpath.isascii() and _LOCALE_WORD.search(relpath.lower()) is None:
        return False
    return LOCALE_PATH.search(relpath) is not None


# ISO 639-1: the two-letter language codes
_LANGUAGES = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el "
    "en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik in io is it "
    "iu iw ja ji jv jw ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mo "
    "mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh "
    "si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh "
    "yi yo za zh zu".split())
#: a language tag as catalogues are named: `en`, `pt-BR`, `zh_Hans`, `sr-Latn-RS`, `fil`
_LANGUAGE_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_](?:[A-Za-z]{2,8}|[0-9]{3}))*")
#: catalogues a folder holds, at the fewest, for its tag-named files to be taken as translations
_CATALOGUES = 3


def _primary_language(name: str) -> str | None:
    """The primary subtag of `name` when the whole name is a language tag (else None)."""
    m = _LANGUAGE_TAG.fullmatch(name)
    return m.group(1).lower() if m else None


def catalogue_by_names(path: str) -> bool:
    """Whether the file is one of a folder of translation catalogues, told from names alone: it
    is named by a language tag (`de.json`, `pt-BR.json`), or sits in a folder so named
    (`de/common.json`), and beside it are at least `_CATALOGUES` such names of ISO 639-1
    languages, English among them (`en.json`, `en-US/`). Config files named by environment
    (`dev.json`, `stg.json`, `prd.json`) are not languages, and no folder of them holds English."""
    folder, _, name = path.rpartition(os.sep)
    dot = name.rfind(".")
    if dot > 1 and _primary_language(name[:dot]) is not None:
        return holds_catalogues(folder, name[dot:])
    return _in_catalogue_folder(folder)


@lru_cache(maxsize=4096)
def _in_catalogue_folder(folder: str) -> bool:
    """Whether `folder` is named by a language tag beside other catalogue folders (asked once
    per folder: every file of a tree asks about its own)."""
    parent, _, name = folder.rpartition(os.sep)
    return _primary_language(name) is not None and holds_catalogues(parent, "")


def forget_folder_listings() -> None:
    """Drop what was learnt from folder listings: the listings (`dir_names`) and the catalogue
    folders judged from them. Asked when the editor sees a folder change, and by
    `prodlint.project.forget_configs`."""
    dir_names.cache_clear()
    holds_catalogues.cache_clear()
    _in_catalogue_folder.cache_clear()


@lru_cache(maxsize=1024)
def holds_catalogues(folder: str, extension: str) -> bool:
    """Whether `folder` holds catalogues named by language (files ending in `extension`, or any
    entries when it is empty): asked once per folder, as its names are listed once (`dir_names`;
    both are forgotten by `forget_folder_listings`)."""
    names = dir_names(folder)
    stems = [n[:-len(extension)] for n in names if n.endswith(extension)] if extension else names
    known = [lang for lang in map(_primary_language, stems) if lang in _LANGUAGES]
    return len(known) >= _CATALOGUES and "en" in known


@lru_cache(maxsize=1024)
def folders_say(folders: str) -> tuple[bool, bool]:
    """(test, non_production) as `classify` judges them from these folders ("a/b") alone. For a
    path `folders/rest` whose `rest` is neither, `classify` says exactly this: the file's name
    and the folders of `rest` already said no, and a name or folder is judged by itself (but for a
    development settings module, `settings/dev.py`, told by its folder and name together, and for
    a Next.js route, whose folders below `app/` or `pages/` say nothing: no project is a
    `settings` folder or sits among routes). Asked for the folders between the tree the user named and a
    project inside it, once per project."""
    names = folders.replace("\\", "/").split("/")
    test = not _TEST_DIRS.isdisjoint(names) or _named_test(names)
    return test, test or not _NON_PROD_DIRS.isdisjoint(names) or _named_non_production(names)


#: the names of the files by which the Next.js app router serves a folder as a URL
_NEXT_SEGMENT_FILE = re.compile(r"(route|page|layout)\.[cm]?[jt]sx?$")
_JS_ROUTE_FILE = re.compile(r".*\.[cm]?[jt]sx?$")


def role_folders(folders: list[str], name: str) -> list[str]:
    """The folders that say what a file is for. Below `app/` a Next.js route or page
    (`app/api/e2e-tests/route.ts`, `app/docs/page.tsx`) and below `pages/` any JavaScript file is
    served at a URL its folders spell: they were named for the URL, the file runs in production
    whatever they say, so only the folders above the routes' root count (and a route is never a
    development settings module, whatever its folder and name: `config/pages/development.js`).
    `folders` itself when every folder counts."""
    if "app" in folders and _NEXT_SEGMENT_FILE.match(name):
        return folders[:len(folders) - 1 - folders[::-1].index("app")]
    if "pages" in folders and _JS_ROUTE_FILE.match(name):
        return folders[:len(folders) - 1 - folders[::-1].index("pages")]
    return folders


def _named_test(folders: list[str]) -> bool:
    """Whether a folder's name says it holds tests (`e2e_tests`, `test-utils`)."""
    return any(folder.endswith(_TEST_DIR_SUFFIXES) or folder.startswith(_TEST_DIR_PREFIXES) for folder in folders)


_SETTINGS_DIRS = frozenset({"settings", "config", "conf"})


def _dev_settings(folders: list[str], name: str) -> bool:
    """`_DEV_SETTINGS`, from the file's folder and name (most files: the folder says no)."""
    if name.startswith("settings"):
        return _DEV_SETTINGS.search(name) is not None
    return bool(folders) and folders[-1] in _SETTINGS_DIRS and _DEV_SETTINGS.search(folders[-1] + "/" + name) is not None


def _named_non_production(folders: list[str]) -> bool:
    """Whether a folder's name ends as one of examples or demos (`push-examples`, `api_samples`)."""
    return any(folder.endswith(_NON_PROD_DIR_SUFFIXES) for folder in folders)


#: every role `classify` has made, by its fields: a run asks for one per file (twice when the
#: user named a folder inside the project), and few distinct roles exist
_ROLES: dict[tuple[bool, bool, bool, bool, bool, bool], FileRole] = {}


def _role(test: bool, non_production: bool, client: bool, vite_client: bool, locale: bool,
          migration: bool) -> FileRole:
    key = (test, non_production, client, vite_client, locale, migration)
    role = _ROLES.get(key)
    if role is None:
        role = _ROLES[key] = FileRole(test=test, non_production=non_production, client=client,
                                      vite_client=vite_client, locale=locale, migration=migration)
    return role


@lru_cache(maxsize=1024)
def is_vite_root(names: frozenset[str]) -> bool:
    """Whether a project root's file names include a Vite config (asked once per root)."""
    return any(marker in names for marker in _VITE_MARKERS)


#: packages that make a package a server, whatever else it bundles
_SERVER_PACKAGES = ("express", "fastify", "koa", "hono", "@nestjs/core", "next", "@hapi/hapi", "restify")


#: packages that make a package with a `bin` a command-line program: argument parsers and prompts
_COMMAND_LINE_PACKAGES = frozenset({
    "commander", "yargs", "@oclif/core", "cac", "meow", "clipanion", "citty", "sade", "@clack/prompts",
    "inquirer", "@inquirer/prompts", "prompts", "enquirer", "gluegun", "@caporal/core", "vorpal", "ink",
})
#: of those, the ones that ask their user questions in a terminal: only a terminal program does
_PROMPT_PACKAGES = frozenset({"@clack/prompts", "inquirer", "@inquirer/prompts", "prompts", "enquirer"})


@lru_cache(maxsize=1024)
def _manifest(root: str) -> dict | None:
    """A project root's package.json, parsed once for the questions below (read, never changed);
    None when it has none or it is not a JSON object."""
    try:
        manifest = json.loads(read_regular(os.path.join(root, "package.json"), 1 << 20))
    except (OSError, ValueError, RecursionError):  # unreadable, not JSON, nested too deeply
        return None
    return manifest if isinstance(manifest, dict) else None


def _declared(manifest: dict, keys: tuple[str, ...] = ("dependencies", "devDependencies")) -> set[str]:
    """The packages a manifest declares under `keys`."""
    declared: set[str] = set()
    for key in keys:
        deps = manifest.get(key)
        if isinstance(deps, dict):
            declared.update(deps)
    return declared


@lru_cache(maxsize=1024)
def is_cra_root(root: str) -> bool:
    """A Create React App package (`react-scripts`, and no server framework beside it): its
    JavaScript is built for the browser, as a Vite app's is (`roles.classify`)."""
    manifest = _manifest(root)
    if manifest is None:
        return False
    declared = _declared(manifest)
    return "react-scripts" in declared and not declared.intersection(_SERVER_PACKAGES)


#: a program a command runs: the runner, maybe its `run`/`watch` subcommand (`deno run -A x.ts`,
#: `bun run x.ts`), flags, then the file
_SCRIPT_PROGRAM = re.compile(r"(?<![\w-])(node|ts-node|tsx|bun|babel-node|vite-node|esno|deno)\s+((run|watch)\s+)?"
                             r"(--?[\w-]+(=\S+)?\s+)*(?P<file>\.{0,2}/?[\w@-][\w./@-]*)")
_SCRIPT_SUFFIXES = (".js", ".ts", ".mjs", ".cjs", ".mts", ".cts", "/index.js", "/index.ts")


def program_files(folder: str, command: str) -> list[str]:
    """The files a shell command run in `folder` runs with node, tsx, bun, deno … (`node db/seed`:
    each file the name may be, as absolute paths)."""
    out: list[str] = []
    for m in _SCRIPT_PROGRAM.finditer(command):
        path = os.path.normpath(os.path.join(folder, m.group("file")))
        out += [path] if os.path.splitext(path)[1] else [path + ext for ext in _SCRIPT_SUFFIXES]
    return out


#: package.json scripts that run a one-off task by their name's words (`db:setup`, `seed`,
#: `release`, `gen-types`, `eval:mcp`): never the server, a worker or a migration
_TASK_SCRIPT_WORD = re.compile(r"^(setup|seed|release|build|gen|generate|codegen|lint|test|eval|evals|bench|"
                               r"benchmark|snapshot|translate|i18n|check|clean|prepare|postinstall|format|docs?|"
                               r"storybook|publish|version|changeset|e2e|mock|mocks|fixtures?|example|demo|reset)$")


#: words of a script name that run something long-lived or against production data
_SERVING_SCRIPT_WORDS = frozenset({"start", "dev", "serve", "server", "prod", "production", "worker", "workers",
                                   "queue", "cron", "consumer", "scheduler", "daemon", "web", "api", "app",
                                   "migrate", "migration", "migrations", "watch", "preview"})


@lru_cache(maxsize=1024)
def task_programs(root: str) -> frozenset[str]:
    """The files a project's package.json scripts run as one-off tasks: a script whose name holds
    a task word (`_TASK_SCRIPT_WORD`, split at `:`, `-`, `_` and `.`) and none of a process that
    serves (`start`, `dev`, `serve`, `server`, `worker`, `migrate` …). Such a file is a script
    wherever it sits (`lib/db/setup.ts` run by `"db:setup": "tsx lib/db/setup.ts"`), as a file
    in a `scripts/` folder is."""
    manifest = _manifest(root)
    scripts = manifest.get("scripts") if manifest is not None else None
    if not isinstance(scripts, dict):
        return frozenset()
    out: set[str] = set()
    for name, command in scripts.items():
        if not isinstance(name, str) or not isinstance(command, str):
            continue
        words = set(re.split(r"[:._-]", name.lower()))
        if words & _SERVING_SCRIPT_WORDS or not any(_TASK_SCRIPT_WORD.match(w) for w in words):
            continue
        out.update(program_files(root, command))
    return frozenset(out)


@lru_cache(maxsize=1024)
def is_command_line_root(root: str) -> bool:
    """A package that is a command-line program, depending on no server framework: its
    package.json names a `bin` and it depends on an argument parser or prompt library
    (`commander`, `yargs`, `@oclif/core` …), or it depends on a prompt library (`inquirer`,
    `prompts` …) with or without a `bin` (a setup wizard run by `npm start`: a program that asks
    questions in a terminal is one). It runs on the machine of whoever types the command, so
    `localhost` there is that machine (a login's loopback callback, a port of a VM it started,
    the `.env` of a local install it writes), not the server itself."""
    manifest = _manifest(root)
    if manifest is None:
        return False
    declared = _declared(manifest, ("dependencies",))
    if declared.intersection(_SERVER_PACKAGES):
        return False
    if manifest.get("bin"):
        return bool(declared & _COMMAND_LINE_PACKAGES)
    return bool(declared & _PROMPT_PACKAGES)


#: a JavaScript file of at least this many bytes whose lines average `_MINIFIED_LINE_BYTES` or more
_MINIFIED_MIN_BYTES = 4096
_MINIFIED_LINE_BYTES = 1000


def minified(source: bytes) -> bool:
    """A bundle or minified build output committed with the code (`static/assets/index-3f2a9c.js`,
    a vendored `jquery.js`): its lines average 1,000 bytes or more, where code people write
    averages under 40 and an icon component full of SVG paths under 700. Nobody edits it, so a
    runtime rule's finding there cannot be acted on; a secret in it is still a leaked secret."""
    return len(source) >= _MINIFIED_MIN_BYTES and len(source) >= _MINIFIED_LINE_BYTES * (source.count(b"\n") + 1)
