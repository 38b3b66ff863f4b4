"""Puts prodlint and its dependencies inside the extension, for one VS Code target.

    python scripts/bundle_server.py --target linux-x64 [--repo ../..]

Writes bundled/libs/ (ignored by git, packaged by vsce):
    common/   prodlint, its rules, and every pure-Python or abi3 wheel (pygls, lsprotocol, cattrs,
              attrs, pathspec, tomli, the tree-sitter grammars), unpacked once
    cp310/ … cp314/   py-tree-sitter's core, built per CPython version for the target
bundled/tool/serve.py picks the folder for the interpreter it runs under. Wheels come from the
package index with `pip download --only-binary=:all: --platform …`, so any target can be built
on any machine; the project itself is built with `pip wheel`.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PYTHONS = ("3.10", "3.11", "3.12", "3.13", "3.14")
# VS Code target -> wheel platform tags pip may pick from (newest policy first is not needed:
# pip takes any listed tag)
PLATFORMS = {
    "linux-x64": ["manylinux2014_x86_64", "manylinux_2_17_x86_64", "manylinux_2_28_x86_64"],
    "linux-arm64": ["manylinux2014_aarch64", "manylinux_2_17_aarch64", "manylinux_2_28_aarch64"],
    "alpine-x64": ["musllinux_1_2_x86_64"],
    "darwin-x64": ["macosx_10_9_x86_64", "macosx_11_0_x86_64"],
    "darwin-arm64": ["macosx_11_0_arm64"],
    "win32-x64": ["win_amd64"],
}
CORE = "tree_sitter"  # the one dependency whose wheel is per CPython version (cp3XX-cp3XX)


def run(argv: list[str]) -> None:
    print("+", " ".join(argv), flush=True)
    subprocess.run(argv, check=True)


def pip_download(dest: Path, target: str, python: str, requirements: list[str], deps: bool) -> None:
    argv = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q", "-d", str(dest),
            "--only-binary=:all:", "--implementation", "cp", "--python-version", python]
    for tag in PLATFORMS[target]:
        argv += ["--platform", tag]
    run(argv + ([] if deps else ["--no-deps"]) + requirements)


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def missing_conditional(folder: Path) -> list[str]:
    """Requirements some supported Python needs that pip left out: pip evaluates markers such as
    `python_version < "3.11"` against the Python running it, not against --python-version."""
    from packaging.requirements import Requirement

    have = {_canonical(w.name.split("-")[0]) for w in folder.glob("*.whl")}
    wanted: list[str] = []
    for wheel in folder.glob("*.whl"):
        with zipfile.ZipFile(wheel) as zf:
            meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
            lines = zf.read(meta).decode().splitlines()
        for line in lines:
            if not line.startswith("Requires-Dist:"):
                continue
            req = Requirement(line.split(":", 1)[1].strip())
            if _canonical(req.name) in have or not req.marker:
                continue
            envs = [{"python_version": v, "python_full_version": v + ".0", "extra": ""} for v in PYTHONS]
            if any(req.marker.evaluate(env) for env in envs):
                wanted.append(str(req).split(";")[0].strip())
                have.add(_canonical(req.name))
    return wanted


def unpack(wheel: Path, into: Path) -> None:
    """A wheel is a zip of its purelib/platlib tree; the ones bundled here carry no scripts or data."""
    with zipfile.ZipFile(wheel) as zf:
        bad = [n for n in zf.namelist() if ".data/" in n.split("/", 1)[0] + "/" and ".data/" in n]
        if bad:
            raise SystemExit(f"{wheel.name}: has a .data folder ({bad[0]}), which this bundler does not place")
        zf.extractall(into)


def bundle(target: str, repo: Path, out: Path) -> dict[str, object]:
    project = tomllib.loads((repo / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    libs = out / "libs"
    shutil.rmtree(libs, ignore_errors=True)
    (libs / "common").mkdir(parents=True)
    manifest: dict[str, object] = {"target": target, "prodlint": project["version"], "common": [], "core": {}}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        run([sys.executable, "-m", "pip", "wheel", "--disable-pip-version-check", "-q", "--no-deps",
             "-w", str(tmp / "base"), str(repo)])
        # the lowest Python, then the marker-dependent packages pip skipped (tomli, exceptiongroup)
        pip_download(tmp / "base", target, PYTHONS[0], requirements, deps=True)
        while extra := missing_conditional(tmp / "base"):
            pip_download(tmp / "base", target, PYTHONS[0], extra, deps=True)
        wheels = sorted((tmp / "base").glob("*.whl"))
        core_version = None
        for wheel in wheels:
            name = wheel.name.split("-")[0].lower()
            if name == CORE:
                core_version = wheel.name.split("-")[1]
                continue
            if not re.search(r"-(py3-none|cp3\d+-abi3)-", wheel.name):
                raise SystemExit(f"{wheel.name} is neither pure Python nor abi3: add it to the per-version set")
            unpack(wheel, libs / "common")
            manifest["common"].append(wheel.name)  # type: ignore[union-attr]
        if core_version is None:
            raise SystemExit("no tree-sitter wheel was resolved")
        for python in PYTHONS:
            tag = "cp" + python.replace(".", "")
            pip_download(tmp / tag, target, python, [f"tree-sitter=={core_version}"], deps=False)
            (core,) = (tmp / tag).glob("*.whl")
            unpack(core, libs / tag)
            manifest["core"][tag] = core.name  # type: ignore[index]
    for cache in libs.rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)
    (libs / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", required=True, choices=sorted(PLATFORMS))
    parser.add_argument("--repo", type=Path, default=here.parent.parent, help="the prodlint checkout")
    parser.add_argument("--out", type=Path, default=here / "bundled")
    args = parser.parse_args()
    manifest = bundle(args.target, args.repo.resolve(), args.out.resolve())
    print(f"bundled prodlint {manifest['prodlint']} for {args.target}: {len(manifest['common'])} wheels "  # type: ignore[arg-type]
          f"+ tree-sitter core for {', '.join(manifest['core'])}")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
