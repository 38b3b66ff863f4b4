"""One hostile workspace for the whole suite: every test that uses it proves it writes nothing,
so they can share it (building it costs seconds: a 20 MB bundle, 50,000-deep nesting)."""

from __future__ import annotations

from pathlib import Path

import pytest

import hostile


@pytest.fixture(scope="session")
def hostile_tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("hostile")
    return root, hostile.build(root)
