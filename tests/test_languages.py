"""`language_for` turns most names away before its tests (by their endings and beginnings):
it must answer as the tests alone do."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from prodlint.languages import _language_of, language_for

_PARTS = ["Dockerfile", "dockerfile", "app", ".env", ".gitignore", "Procfile", "procfile", "docker-compose",
          "compose", "-", ".", "migration", "migration_lock", "fly", "render", "railway", "k8s", "deploy", "tsconfig",
          "package-lock", ".min", ".d", "_", "İ", "Σ", "K", "x", ".local", ".prod", ".gitlab-ci", "azure-pipelines",
          "bitbucket-pipelines", "config"]
_ENDS = [".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".py", ".json", ".yml", ".yaml", ".sh",
         ".prisma", ".toml", ".sql", ".dockerfile", ".JS", ".Ts", ".YML", ".md", ".png", ".css", ".txt", "", ".lock",
         ".example", ".pyc"]
_NAMES = st.builds(lambda parts, end: "".join(parts) + end, st.lists(st.sampled_from(_PARTS), max_size=4),
                   st.sampled_from(_ENDS))
_FOLDERS = st.lists(st.sampled_from(["src", "k8s", "manifests", "deploy", "app", "kube-x", ".github", "workflows",
                                     ".circleci"]), max_size=3)


@settings(max_examples=4000, deadline=None)
@given(_FOLDERS, _NAMES)
def test_language_for_answers_as_its_tests(folders: list[str], name: str) -> None:
    if not name:
        return
    path = os.path.join("/p", *folders, name)
    assert language_for(path) == _language_of(path, name, name.lower())


def test_some_languages() -> None:
    assert language_for("/p/Dockerfile.prod") == "dockerfile"
    assert language_for("/p/src/app.test.tsx") == "tsx"
    assert language_for("/p/k8s/app.yaml") == "platform"
    assert language_for("/p/logo.png") is None
    assert language_for("/p/.env.local") == "dotenv"
    assert language_for("/p/.github/workflows/deploy.yml") == "ci"  # a workflow, whatever its name
    assert language_for("/p/.gitlab-ci.yml") == language_for("/p/.circleci/config.yml") == "ci"
    assert language_for("/p/.github/dependabot.yml") is None
