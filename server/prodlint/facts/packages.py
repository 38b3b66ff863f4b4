"""Facts of package.json: dependencies (with their major version), scripts, the server
frameworks and graceful-shutdown libraries the package depends on. Read from the JSON tree (so
facts carry ranges, and `//` comments in examples are fine)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from prodlint.api import JSON, Fact, FileContext, FileRole
from prodlint.appmodel import JS_FRAMEWORK_MODULES
from prodlint.facts._build import sorted_fact
from prodlint.syntax import field_ids, quoted_content, string_content

TARGETS = (JSON,)

_DEP_SECTIONS = {"dependencies": False, "devDependencies": True, "peerDependencies": False,
                 "optionalDependencies": False}
SHUTDOWN_PACKAGES = ("http-terminator", "@godaddy/terminus", "stoppable", "lightship", "close-with-grace",
                     "http-graceful-shutdown", "@moebius/http-graceful-shutdown", "fastify-graceful-shutdown",
                     "node-graceful-shutdown", "@nestjs/terminus")


_MAJOR = re.compile(r"^\s*(?:npm:[^@]+@)?[\^~>=v\s]*(\d+)")


def major_version(spec: str) -> int | None:
    """The major version a semver range allows at least (`^4.18.2` -> 4, `~5.0.0-beta` -> 5,
    `latest`/`*`/a URL -> None)."""
    m = _MAJOR.match(spec)
    return int(m.group(1)) if m else None


def may_apply(language: str, relpath: str, source: bytes, role: FileRole) -> bool:
    """Only a `package.json` gives facts."""
    return os.path.basename(relpath) == "package.json"


def facts(ctx: FileContext) -> Iterator[Fact]:
    if os.path.basename(ctx.path) != "package.json" or ctx.tree is None:
        return
    root = next((c for c in ctx.tree.root_node.named_children if c.type == "object"), None)
    if root is None:
        return
    for pair in root.named_children:
        if pair.type != "pair":
            continue
        key = string_content(ctx, pair.child_by_field_name("key"))
        value = pair.child_by_field_name("value")
        if key == "bin" and value is not None:
            yield from _bin_targets(ctx, value)
        if value is None or value.type != "object":
            continue
        if key in _DEP_SECTIONS:
            data = ctx.source
            key_field, value_field = field_ids(ctx, "key", "value")
            for dep in value.named_children:
                if dep.type != "pair":
                    continue
                name_node, version_node = dep.child_by_field_id(key_field), dep.child_by_field_id(value_field)
                name = quoted_content(data, name_node)
                version = quoted_content(data, version_node) if version_node is not None and version_node.type == "string" \
                    else ""
                major = major_version(version)
                yield sorted_fact(ctx, "dependency", name_node, name,
                                  (("dev", _DEP_SECTIONS[key]), ("major", major), ("version", version)))
                fw = JS_FRAMEWORK_MODULES.get(name)
                if fw is not None and fw != "http" and name in ("express", "fastify", "koa", "hono", "@nestjs/core",
                                                                "next", "restify", "@hapi/hapi", "polka"):
                    yield ctx.fact("framework", name_node, fw, source="package.json", major=major)
                if name in SHUTDOWN_PACKAGES:
                    yield ctx.fact("shutdown_library", name_node, name)
        elif key == "scripts":
            for script in value.named_children:
                if script.type != "pair":
                    continue
                command = script.child_by_field_name("value")
                if command is None or command.type != "string":
                    continue
                key_node = script.child_by_field_name("key")
                yield sorted_fact(ctx, "script", key_node, string_content(ctx, key_node),
                                  (("command", string_content(ctx, command)),))


def _bin_targets(ctx: FileContext, value) -> Iterator[Fact]:
    """`"bin": "cli.js"` or `"bin": {"tool": "./bin/tool.js"}`: the package ships command-line
    programs (their console output is the program's interface, not logging)."""
    targets = [value] if value.type == "string" else \
        [p.child_by_field_name("value") for p in value.named_children if p.type == "pair"]
    for target in targets:
        if target is not None and target.type == "string":
            path = os.path.normpath(string_content(ctx, target)).replace(os.sep, "/")
            yield ctx.fact("bin", target, path)
