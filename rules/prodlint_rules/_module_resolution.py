"""How a package resolves relative ESM imports, for fixes that add one (`import { logger } from
"./logger"`): Node's ESM loader, and TypeScript under `moduleResolution` node16/nodenext, want
the file extension (`./logger.js`); bundlers (Vite, webpack, Next.js: `moduleResolution`
bundler) and CommonJS take the bare path.

Read at fix time only, from the package.json and tsconfig.json nearest to the file within its
project: Node decides a `.js`/`.ts` file's module format by the nearest package.json's `"type"`,
tsc resolves imports as its tsconfig says (`moduleResolution`, else what `module` implies)."""

from __future__ import annotations

import json
import logging
import os
import re

log = logging.getLogger("prodlint")

_MAX_CONFIG_BYTES = 1 << 20
_MAX_EXTENDS = 4
_NODE_RESOLUTIONS = frozenset({"node16", "nodenext"})
_NODE_MODULES = re.compile(r"^node(16|18|20|next)$")
#: shared bases (`"extends": "@tsconfig/node20/tsconfig.json"`) that set module node16/nodenext
_NODE_BASES = re.compile(r"^@tsconfig/node(\d+|-lts)(/|$)")


def package_type(path: str, root: str) -> str:
    """`"type"` of the package.json nearest to `path` ("module" | "commonjs"; "commonjs" when
    there is none, as for Node)."""
    manifest = _nearest(path, root, "package.json")
    data = _read_json(manifest) if manifest else None
    kind = data.get("type") if isinstance(data, dict) else None
    return kind if kind in ("module", "commonjs") else "commonjs"


def node_resolution(path: str, root: str) -> bool | None:
    """Whether tsc resolves `path`'s imports the way Node does (node16/nodenext): True or False
    when the nearest tsconfig.json (or a base it extends) says, None when there is no tsconfig
    or it does not say."""
    config = _nearest(path, root, "tsconfig.json")
    for _ in range(_MAX_EXTENDS):
        data = _read_json(config) if config else None
        if not isinstance(data, dict):
            return None
        options = data.get("compilerOptions")
        options = options if isinstance(options, dict) else {}
        resolution, module = options.get("moduleResolution"), options.get("module")
        if isinstance(resolution, str):
            return resolution.lower() in _NODE_RESOLUTIONS
        if isinstance(module, str):
            return bool(_NODE_MODULES.match(module.lower()))
        base = data.get("extends")
        if not isinstance(base, str):
            return None
        if _NODE_BASES.match(base):
            return True
        if not base.startswith("."):
            return None  # a shared base we cannot read
        config = os.path.normpath(os.path.join(os.path.dirname(config), base))
        if not config.endswith(".json"):
            config += ".json"
    return None


def _nearest(path: str, root: str, name: str) -> str | None:
    """`name` in the folder of `path` or the nearest one above it, up to `root`."""
    folder, root = os.path.dirname(os.path.abspath(path)), os.path.abspath(root)
    inside = os.path.join(root, "")
    while True:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            return candidate
        if folder == root or not folder.startswith(inside):
            return None
        folder = os.path.dirname(folder)


def _read_json(path: str) -> object:
    """A JSON (or tsconfig-style JSON with comments and trailing commas) file; None when it
    cannot be read or parsed."""
    try:
        if os.path.getsize(path) > _MAX_CONFIG_BYTES:
            log.info("%s: larger than %d bytes, not read", path, _MAX_CONFIG_BYTES)
            return None
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8-sig")
        return json.loads(_strip_jsonc(text))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        log.info("%s: not readable as JSON (%s)", path, type(exc).__name__)
        return None


_STRINGS_OR_COMMENTS = re.compile(r'"(?:\\.|[^"\\])*"|//[^\n]*|/\*.*?\*/', re.S)
_STRINGS_OR_TRAILING_COMMAS = re.compile(r'"(?:\\.|[^"\\])*"|,(?=\s*[}\]])')


def _strip_jsonc(text: str) -> str:
    """JSON text without `//` and `/* */` comments and trailing commas (strings untouched)."""
    text = _STRINGS_OR_COMMENTS.sub(lambda m: m.group() if m.group().startswith('"') else "", text)
    return _STRINGS_OR_TRAILING_COMMAS.sub(lambda m: m.group() if m.group().startswith('"') else "", text)
