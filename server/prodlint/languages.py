"""Which language a file is, by its name alone (the server never sniffs content to decide)."""

from __future__ import annotations

import os
import re
from functools import lru_cache

JAVASCRIPT = "javascript"
TYPESCRIPT = "typescript"
TSX = "tsx"
PYTHON = "python"
JSON = "json"
DOCKERFILE = "dockerfile"
GITIGNORE = "gitignore"
DOTENV = "dotenv"
PROCFILE = "procfile"
COMPOSE = "compose"
SHELL = "shell"  # entry and deploy shell scripts (`*.sh`)
PRISMA = "prisma"  # Prisma schema files (`*.prisma`)
MIGRATION_FILE = "migration-file"  # Prisma's `migration.sql` / `migration_lock.toml`
PLATFORM = "platform"  # deployment platform config: fly.toml, railway.toml, render.yaml, Kubernetes manifests
CI = "ci"  # CI pipelines: GitHub Actions workflows, .gitlab-ci.yml, CircleCI, Bitbucket and Azure Pipelines

JS_LIKE = frozenset({JAVASCRIPT, TYPESCRIPT, TSX})
GRAMMAR_LANGUAGES = frozenset({JAVASCRIPT, TYPESCRIPT, TSX, PYTHON, JSON})
LINE_LANGUAGES = frozenset({DOCKERFILE, GITIGNORE, DOTENV, PROCFILE, COMPOSE, SHELL, PRISMA, MIGRATION_FILE,
                            PLATFORM, CI})
ALL_LANGUAGES = GRAMMAR_LANGUAGES | LINE_LANGUAGES

_EXTENSIONS = {
    ".js": JAVASCRIPT, ".mjs": JAVASCRIPT, ".cjs": JAVASCRIPT, ".jsx": JAVASCRIPT,
    ".ts": TYPESCRIPT, ".mts": TYPESCRIPT, ".cts": TYPESCRIPT,
    ".tsx": TSX,
    ".py": PYTHON,
    ".json": JSON,
}

# Generated or vendored JSON that is never hand-written configuration.
_SKIPPED_JSON = frozenset({"package-lock.json", "npm-shrinkwrap.json", "composer.lock",
                           "tsconfig.json", "jsconfig.json", "tsconfig.build.json"})

_COMMENT_PREFIX = {
    JAVASCRIPT: "//", TYPESCRIPT: "//", TSX: "//", JSON: "//",
    PYTHON: "#", DOCKERFILE: "#", GITIGNORE: "#", DOTENV: "#", PROCFILE: "#", COMPOSE: "#", SHELL: "#", PRISMA: "//", MIGRATION_FILE: "--",
    PLATFORM: "#", CI: "#",
}
_KUBERNETES_NAME = re.compile(r"(^|[-_.])(deployment|deploy|k8s|kube|kubernetes|statefulset)([-_.]|$)")
_KUBERNETES_DIR = re.compile(r"(^|/)([\w.-]*[-_])?(k8s|kube|kubernetes|manifests)([-_][\w.-]*)?/")


#: every name `language_for` reads ends with one of these (in lower case) or starts as below
_READ_SUFFIXES = tuple(_EXTENSIONS) + (".yml", ".yaml", ".sh", ".prisma", ".toml", ".sql", ".dockerfile")
_READ_PREFIXES = ("dockerfile", ".env", "procfile", ".gitignore")


@lru_cache(maxsize=16384)
def language_for(path: str) -> str | None:
    """The language of `path` from its file name, or None when prodlint does not read it. Asked
    several times per file of a run (the walk, the job, the query set-up): answered once."""
    name = os.path.basename(path)
    lower = name.lower()
    if not lower.endswith(_READ_SUFFIXES) and not lower.startswith(_READ_PREFIXES):
        return None  # most names the walk meets (images, styles, docs): no test below holds
    return _language_of(path, name, lower)


def _language_of(path: str, name: str, lower: str) -> str | None:
    if lower.startswith("dockerfile") or lower.endswith(".dockerfile"):
        return DOCKERFILE
    if name == ".gitignore":
        return GITIGNORE
    if name.startswith(".env"):
        return DOTENV
    if name == "Procfile" or name.startswith("Procfile."):
        return PROCFILE
    if (lower.startswith(("docker-compose", "compose.", "compose-"))
            and lower.endswith((".yml", ".yaml"))):
        return COMPOSE
    if lower.endswith(".sh"):
        return SHELL
    if lower.endswith(".prisma"):
        return PRISMA
    if name in ("migration.sql", "migration_lock.toml"):
        return MIGRATION_FILE
    if lower in ("fly.toml", "railway.toml", "render.yaml", "render.yml"):
        return PLATFORM
    if lower.endswith((".yaml", ".yml")) and _is_ci_config(path.replace(os.sep, "/"), lower):
        return CI
    if lower.endswith((".yaml", ".yml")) and (_KUBERNETES_NAME.search(lower.rsplit(".", 1)[0])
                                               or _KUBERNETES_DIR.search(path.replace(os.sep, "/").lower())):
        return PLATFORM  # a Kubernetes manifest by its name or folder (the facts read only `kind: Deployment`)
    if name.endswith(".d.ts") or name.endswith(".min.js"):
        return None
    if lower in _SKIPPED_JSON or (lower.startswith("tsconfig.") and lower.endswith(".json")):
        return None
    _, ext = os.path.splitext(name)
    return _EXTENSIONS.get(ext.lower())


_CI_NAMES = frozenset({".gitlab-ci.yml", ".gitlab-ci.yaml", "bitbucket-pipelines.yml", "azure-pipelines.yml",
                       "azure-pipelines.yaml"})


def _is_ci_config(path: str, lower: str) -> bool:
    """A CI pipeline's file (before the Kubernetes test: a workflow named `deploy.yml` is one)."""
    return lower in _CI_NAMES or "/.github/workflows/" in "/" + path or path.endswith(".circleci/config.yml")


def comment_prefix(language: str) -> str:
    """The line-comment leader used in suppression comments and fix insertions."""
    return _COMMENT_PREFIX.get(language, "#")
