"""TypeScript's own compiler for the fix tests: installed once into a cache folder from the npm
registry, then run over many small projects in one process per compiler configuration.

The tool set is pinned (typescript, @types/node, @types/express and the packages prodlint's fixes
import), so a diagnostic means the same thing on every machine and in CI. Projects are laid out
side by side under one folder, each in its own sub-folder; every file is a module
(`moduleDetection: force`), so top-level names of one project never collide with another's.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

#: what `npm install` puts in the cache: the compiler, the types of Node and of the server frameworks
#: fixes write handlers for (so a new handler's parameters are typed as in a real install), and the
#: packages fixes add imports of (so the options a fix passes them are checked against their types)
TOOL_PACKAGES = (
    "typescript@5.9.3",
    "@types/node@20.19.43",
    "@types/express@4.17.25",
    "fastify@4.29.1",
    "hono@4.13.19",
    "@hono/node-server@1.19.19",
    "express-rate-limit@7.5.1",
    "pino@9.6.0",
    "pino-http@10.4.0",
)
TS_SUFFIXES = (".ts", ".tsx", ".mts", ".cts")
SKIP_VARIABLE = "PRODLINT_SKIP_TSC"

#: a diagnostic line of `tsc --pretty false`; continuation lines of a chained message are indented
_DIAGNOSTIC = re.compile(r"^(?P<path>.+?)\((?P<line>\d+),(?P<col>\d+)\): error (?P<code>TS\d+): (?P<message>.*)$")
_GLOBAL_DIAGNOSTIC = re.compile(r"^error (?P<code>TS\d+): (?P<message>.*)$")

#: packages whose projects are built by a bundler (extensionless imports, JSX) rather than run by Node
_BUNDLED_DEPENDENCIES = ("next", "vite", "react", "react-dom", "@angular/core", "nuxt", "astro", "svelte",
                         "@remix-run/node", "@sveltejs/kit", "solid-js", "vue")

_BASE_OPTIONS = {
    "strict": True,
    "noEmit": True,
    "skipLibCheck": True,
    "target": "es2022",
    "jsx": "preserve",
    "moduleDetection": "force",
    "types": ["node"],
    "allowImportingTsExtensions": True,
}

#: the two ways a TypeScript web app is compiled: run by Node, or built by a bundler (Next.js, Vite)
CONFIGURATIONS = {
    "node": {**_BASE_OPTIONS, "lib": ["es2022"], "module": "nodenext", "moduleResolution": "nodenext"},
    "bundler": {**_BASE_OPTIONS, "lib": ["es2022", "dom", "dom.iterable"], "module": "esnext",
                "moduleResolution": "bundler", "resolveJsonModule": True},
}


class ToolUnavailable(Exception):
    """The compiler could not be installed or run: the message says what to do."""


def is_typescript(rel: str) -> bool:
    return rel.endswith(TS_SUFFIXES) and not rel.endswith(".d.ts")


def cache_dir() -> Path:
    base = os.environ.get("PRODLINT_TOOLS_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "prodlint-tools")
    return Path(base) / "tsc"


def _stamp() -> str:
    return json.dumps(sorted(TOOL_PACKAGES))


def ensure_tools() -> Path:
    """The cache folder holding `node_modules` with TOOL_PACKAGES, installed with npm on first use
    (under a lock, into a fresh folder renamed into place, so a broken install is never reused)."""
    folder = cache_dir()
    stamp_file = folder / "installed.json"
    if shutil.which("node") is None:
        raise ToolUnavailable("node is not on PATH: TypeScript's compiler needs it "
                              f"(install Node.js, or set {SKIP_VARIABLE}=1 to skip the type check)")
    if stamp_file.is_file() and stamp_file.read_text() == _stamp():
        return folder
    npm = shutil.which("npm")
    if npm is None:
        raise ToolUnavailable(f"npm is not on PATH: it installs typescript into {folder} once "
                              f"(install npm, or set {SKIP_VARIABLE}=1 to skip the type check)")
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / "tsc.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stamp_file.is_file() and stamp_file.read_text() == _stamp():
            return folder
        fresh = Path(tempfile.mkdtemp(prefix="tsc-install-", dir=folder.parent))
        (fresh / "package.json").write_text('{"name": "prodlint-tsc", "private": true}\n')
        try:
            done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--legacy-peer-deps", "--prefix",
                                   str(fresh), *TOOL_PACKAGES], capture_output=True, text=True, timeout=600)
        except subprocess.TimeoutExpired:
            shutil.rmtree(fresh, ignore_errors=True)
            raise ToolUnavailable(f"npm install of {' '.join(TOOL_PACKAGES)} did not finish in 600 s") from None
        if done.returncode != 0:
            shutil.rmtree(fresh, ignore_errors=True)
            raise ToolUnavailable(f"npm install of {' '.join(TOOL_PACKAGES)} failed "
                                  f"(exit {done.returncode}):\n{done.stderr[-2000:]}")
        (fresh / "installed.json").write_text(_stamp())
        if folder.exists():
            shutil.rmtree(folder)
        fresh.rename(folder)
    return folder


def tsc_version(tools: Path) -> str:
    return json.loads((tools / "node_modules" / "typescript" / "package.json").read_text())["version"]


#: `from "./db"`, `import("../lib/x")`: a relative import with no file extension
_EXTENSIONLESS_IMPORT = re.compile(rb"""(?:\bfrom|\bimport\s*\(?)\s*["'](\.{1,2}/(?:[^"'\n]*/)?[^"'./\n]+)["']""")


def configuration_for(files: dict[str, bytes]) -> str:
    """"bundler" for a project a bundler or a loader builds (a frontend framework among its
    dependencies, a next/vite config, a TSX file, a tsconfig that says so, or relative imports
    without an extension, which only those resolve), else "node"."""
    for rel, data in files.items():
        name = rel.rsplit("/", 1)[-1]
        if rel.endswith(".tsx") or re.match(r"(next|vite|nuxt|astro|svelte)\.config\.", name):
            return "bundler"
        if is_typescript(rel) and _EXTENSIONLESS_IMPORT.search(data):
            return "bundler"
        if name == "tsconfig.json" and re.search(rb'"moduleResolution"\s*:\s*"bundler"', data, re.I):
            return "bundler"
        if name == "package.json":
            try:
                package = json.loads(data)
            except ValueError:
                continue
            declared = {**(package.get("dependencies") or {}), **(package.get("devDependencies") or {})} \
                if isinstance(package, dict) else {}
            if any(dep in declared for dep in _BUNDLED_DEPENDENCIES):
                return "bundler"
    return "node"


@dataclass(frozen=True)
class Diagnostic:
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


def parse_output(output: str) -> tuple[dict[str, Counter[Diagnostic]], list[str]]:
    """tsc's `--pretty false` output: diagnostics per file (line and column dropped, a chained
    message joined into one), and the diagnostics that name no file."""
    per_file: dict[str, Counter[Diagnostic]] = {}
    general: list[str] = []
    current: list | None = None
    for line in output.splitlines():
        m = _DIAGNOSTIC.match(line)
        if m:
            current = [m.group("path"), m.group("code"), [m.group("message")]]
            per_file.setdefault(m.group("path"), Counter())
            per_file[m.group("path")][Diagnostic(m.group("code"), m.group("message"))] += 1
            continue
        if current is not None and line.startswith(" ") and line.strip():
            path, code, parts = current
            per_file[path][Diagnostic(code, " / ".join(parts))] -= 1
            parts.append(line.strip())
            per_file[path][Diagnostic(code, " / ".join(parts))] += 1
            per_file[path] = +per_file[path]
            continue
        current = None
        if line.strip():
            general.append(line.strip())
    return per_file, general


def check_tree(tools: Path, folder: Path, configuration: str) -> subprocess.Popen:
    """Start one tsc over every TypeScript file under `folder` (its own tsconfig.json is written
    there); `collect` reads the result."""
    options = dict(CONFIGURATIONS[configuration])
    options["typeRoots"] = [str(tools / "node_modules" / "@types")]
    config = {"compilerOptions": options, "include": ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"],
              "exclude": ["node_modules"]}
    (folder / "tsconfig.json").write_text(json.dumps(config, indent=2))
    link = folder / "node_modules"
    if not link.exists():
        link.symlink_to(tools / "node_modules", target_is_directory=True)
    tsc = tools / "node_modules" / "typescript" / "bin" / "tsc"
    return subprocess.Popen(["node", str(tsc), "-p", "tsconfig.json", "--pretty", "false"], cwd=folder,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")


def collect(proc: subprocess.Popen, timeout: float = 600) -> dict[str, Counter[Diagnostic]]:
    """Diagnostics per file path (relative to the checked folder) of a tsc started by check_tree;
    a diagnostic that names no file (a bad option, a missing lib) means the check itself is broken."""
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise ToolUnavailable(f"tsc did not finish in {timeout:.0f} s") from None
    per_file, general = parse_output(out)
    if general or proc.returncode not in (0, 1, 2):
        raise ToolUnavailable(f"tsc failed (exit {proc.returncode}): {' '.join(general)[:2000]} {err[-2000:]}")
    return per_file
