"""How LOG001's added logger import is resolved: package.json "type" and tsconfig settings read
as Node and tsc read them (prodlint_rules._module_resolution)."""

from __future__ import annotations

from pathlib import Path

import pytest

from prodlint_rules._module_resolution import node_resolution, package_type


def _project(tmp_path: Path, files: dict[str, str]) -> str:
    for rel, text in files.items():
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return str(tmp_path / "src" / "server.ts")


@pytest.mark.parametrize("manifest,expected", [
    ('{"type": "module"}', "module"),
    ('{"type": "commonjs"}', "commonjs"),
    ('{"name": "x"}', "commonjs"),
    ('{"type": "module",', "commonjs"),  # malformed: read as no package type
    ('["module"]', "commonjs"),
])
def test_package_type(tmp_path: Path, manifest: str, expected: str) -> None:
    path = _project(tmp_path, {"package.json": manifest, "src/server.ts": ""})
    assert package_type(path, str(tmp_path)) == expected


def test_nearest_package_json_wins(tmp_path: Path) -> None:
    path = _project(tmp_path, {"package.json": '{"type": "module"}', "src/package.json": '{"type": "commonjs"}',
                               "src/server.ts": ""})
    assert package_type(path, str(tmp_path)) == "commonjs"


def test_no_package_json_above_the_root(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"type": "module"}')
    path = _project(tmp_path / "app", {"src/server.ts": ""})
    assert package_type(path, str(tmp_path / "app")) == "commonjs"


@pytest.mark.parametrize("config,expected", [
    ('{"compilerOptions": {"module": "NodeNext"}}', True),
    ('{"compilerOptions": {"module": "node16"}}', True),
    ('{"compilerOptions": {"module": "ESNext", "moduleResolution": "NodeNext"}}', True),
    ('{"compilerOptions": {"module": "NodeNext", "moduleResolution": "Bundler"}}', False),
    ('{"compilerOptions": {"module": "ESNext", "moduleResolution": "node"}}', False),
    ('{"compilerOptions": {"module": "commonjs"}}', False),
    ('{"compilerOptions": {"strict": true}}', None),
    ('{"extends": "@tsconfig/node20/tsconfig.json"}', True),
    ('{"extends": "@vue/tsconfig/tsconfig.dom.json"}', None),
    ('// comment\n{"compilerOptions": {/* c */ "module": "NodeNext", "paths": {"@/*": ["./src/*",]},},}', True),
    ('{"compilerOptions": {"outDir": "http://x//y", "module": "nodenext"}}', True),
    ('{"compilerOptions": ', None),
])
def test_node_resolution(tmp_path: Path, config: str, expected: bool | None) -> None:
    path = _project(tmp_path, {"tsconfig.json": config, "src/server.ts": ""})
    assert node_resolution(path, str(tmp_path)) is expected


def test_node_resolution_follows_relative_extends(tmp_path: Path) -> None:
    path = _project(tmp_path, {"tsconfig.json": '{"extends": "./configs/base"}',
                               "configs/base.json": '{"extends": "./strict.json"}',
                               "configs/strict.json": '{"compilerOptions": {"moduleResolution": "bundler"}}',
                               "src/server.ts": ""})
    assert node_resolution(path, str(tmp_path)) is False


def test_node_resolution_stops_on_an_extends_cycle(tmp_path: Path) -> None:
    path = _project(tmp_path, {"tsconfig.json": '{"extends": "./tsconfig.json"}', "src/server.ts": ""})
    assert node_resolution(path, str(tmp_path)) is None


def test_no_tsconfig(tmp_path: Path) -> None:
    path = _project(tmp_path, {"src/server.ts": ""})
    assert node_resolution(path, str(tmp_path)) is None


def test_unreadable_configs_are_skipped(tmp_path: Path) -> None:
    path = _project(tmp_path, {"src/server.ts": ""})
    (tmp_path / "tsconfig.json").write_bytes(b'{"compilerOptions": {"module": "nodenext"}}' + b" " * (1 << 20))
    (tmp_path / "package.json").write_bytes(b'{"type": "module", "name": "\xff\xfe"}')
    assert node_resolution(path, str(tmp_path)) is None
    assert package_type(path, str(tmp_path)) == "commonjs"
