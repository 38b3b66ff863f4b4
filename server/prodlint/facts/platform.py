"""Facts of deployment platform configuration: the health checks a platform runs (fly.toml http
checks, railway.json/railway.toml `healthcheckPath`, render.yaml `healthCheckPath`, Kubernetes
liveness/readiness probes). A platform that checks health makes a Dockerfile `HEALTHCHECK` beside
the point, and Kubernetes ignores `HEALTHCHECK` altogether: HLT002 judges these instead.

Read line by line (no YAML/TOML library is a dependency): only the keys that matter are looked
at, with their indentation."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator

from prodlint.api import JSON, Fact, FileContext, FileRole
from prodlint.languages import PLATFORM

TARGETS = (PLATFORM, JSON)
RUNTIME = True  # describes the running app: not run on tests, scripts, examples (the engine skips them)

_K8S_WORKLOAD = re.compile(r"^kind:\s*(Deployment|StatefulSet|DaemonSet)\s*$")


#: folders whose files a web server hands out as they are: a platform file there is content (a
#: blog post's sample `railway.json`), not the configuration a platform deploys from
_SERVED_FOLDER = re.compile(r"(^|/)(public|static|assets)/")


def may_apply(language: str, relpath: str, source: bytes, role: FileRole) -> bool:
    """Of JSON files, only a production `railway.json` outside the served folders gives facts."""
    return language != JSON or (os.path.basename(relpath).lower() == "railway.json" and not role.non_production
                                and not _SERVED_FOLDER.search(relpath))


def facts(ctx: FileContext) -> Iterator[Fact]:
    """`platform_config`: one per service/container the platform runs (value: fly | railway |
    render | kubernetes), with whether it has a health check (`checked`, `health_path`) and, when
    one can be added, where (`insert_at`, `indent`, `section`, `port`)."""
    if ctx.role.non_production or _SERVED_FOLDER.search(ctx.relpath):
        return
    name = os.path.basename(ctx.path).lower()
    if ctx.language == JSON:
        if name == "railway.json":
            yield from _railway_json(ctx)
        return
    lines = _lines(ctx)
    if name == "fly.toml":
        yield from _fly(ctx, lines)
    elif name == "railway.toml":
        yield from _railway_toml(ctx, lines)
    elif name in ("render.yaml", "render.yml"):
        yield from _render(ctx, lines)
    else:
        yield from _kubernetes(ctx, lines)


def _lines(ctx: FileContext) -> list[tuple[int, str]]:
    """(byte offset, line without its newline) of every line."""
    out, at = [], 0
    for line in ctx.lines():
        out.append((at, line.rstrip("\r")))
        at += len(line.encode()) + 1
    return out


def _fact(ctx: FileContext, platform: str, row: int, lines, *, checked: bool, health_path: str = "",
          insert_at: int = -1, indent: str = "", section: str = "", port: str = "") -> Fact:
    at, line = lines[row] if lines else (0, "")
    return ctx.fact("platform_config", ctx.span_of(at, at + len(line.encode())), platform, checked=checked,
                    health_path=health_path, insert_at=insert_at, indent=indent, section=section, port=port)


def _value(line: str) -> str:
    return line.split("=", 1)[1].split("#")[0].strip().strip("\"'") if "=" in line else \
        line.split(":", 1)[1].split(" #")[0].strip().strip("\"'")


# ------------------------------------------------------------------ fly.toml

def _fly(ctx: FileContext, lines) -> Iterator[Fact]:
    headers = {line.strip(): row for row, (_, line) in enumerate(lines) if line.strip().startswith("[")}
    checked = any(re.match(r"^\[\[?(http_service\.checks|services\.http_checks|services\.tcp_checks|checks\.[\w-]+)\]\]?$",
                           h) or h == "[checks]" for h in headers)
    path = next((_value(line) for _, line in lines if re.match(r"^\s*path\s*=", line)), "") if checked else ""
    section = "http_service" if "[http_service]" in headers else "services" if "[[services]]" in headers else ""
    row = headers.get("[http_service]", headers.get("[[services]]", 0))
    port = next((_value(line) for _, line in lines if re.match(r"^\s*internal_port\s*=", line)), "")
    yield _fact(ctx, "fly", row, lines, checked=checked, health_path=path, section=section, port=port,
                insert_at=len(ctx.source) if section else -1)


# ------------------------------------------------------------------ railway

def _railway_toml(ctx: FileContext, lines) -> Iterator[Fact]:
    path = next((_value(line) for _, line in lines if re.match(r"^\s*healthcheckPath\s*=", line)), "")
    deploy = next((row for row, (_, line) in enumerate(lines) if line.strip() == "[deploy]"), None)
    insert_at = -1
    if deploy is not None:
        at, line = lines[deploy]
        insert_at = at + len(line.encode()) + 1 if at + len(line.encode()) < len(ctx.source) else -1
    yield _fact(ctx, "railway", deploy or 0, lines, checked=bool(path), health_path=path, insert_at=insert_at,
                section="deploy" if deploy is not None else "")


def _railway_json(ctx: FileContext) -> Iterator[Fact]:
    try:
        config = json.loads(re.sub(r"(?m)^\s*//.*$", "", ctx.text))
    except (ValueError, RecursionError):  # not JSON, or nested too deeply
        return
    deploy = config.get("deploy") if isinstance(config, dict) else None
    path = deploy.get("healthcheckPath", "") if isinstance(deploy, dict) else ""
    yield ctx.fact("platform_config", ctx.line_span(0), "railway", checked=bool(path),
                   health_path=path if isinstance(path, str) else "", insert_at=-1, indent="", section="", port="")


# ------------------------------------------------------------------ render.yaml

def _render(ctx: FileContext, lines) -> Iterator[Fact]:
    """Each `- type: web` service; `healthCheckPath` among its keys."""
    for row, (at, line) in enumerate(lines):
        m = re.match(r"^(\s*)-(\s+)type:\s*[\"']?web[\"']?\s*$", line)
        if not m:
            continue
        indent = m.group(1) + " " + m.group(2)
        block = _block(lines, row, len(m.group(1)))
        path = next((_value(l) for _, l in block if re.match(rf"^{indent}healthCheckPath\s*:", l)), "")
        yield _fact(ctx, "render", row, lines, checked=bool(path), health_path=path,
                    insert_at=at + len(line.encode()) + 1, indent=indent, section="service")


def _block(lines, row: int, dash_indent: int) -> list[tuple[int, str]]:
    """The lines of the list item starting at `row` (until a line indented at or left of its dash)."""
    out = []
    for at, line in lines[row + 1:]:
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and len(line) - len(line.lstrip(" ")) <= dash_indent:
            break
        out.append((at, line))
    return out


# ------------------------------------------------------------------ Kubernetes

def _kubernetes(ctx: FileContext, lines) -> Iterator[Fact]:
    """Each container of a Deployment/StatefulSet/DaemonSet: its probes and first containerPort."""
    documents: list[list[int]] = [[]]
    for row, (_, line) in enumerate(lines):
        if line.startswith("---"):
            documents.append([])
        else:
            documents[-1].append(row)
    for rows in documents:
        if not any(_K8S_WORKLOAD.match(lines[r][1]) for r in rows):
            continue
        containers = next((r for r in rows if re.match(r"^\s*containers:\s*$", lines[r][1])), None)
        if containers is None:
            continue
        base = len(lines[containers][1]) - len(lines[containers][1].lstrip(" "))
        item_indent = None  # the containers' own list items, at the indent of the first one
        for r in rows:
            if r <= containers:
                continue
            line = lines[r][1]
            stripped = line.strip()
            ind = len(line) - len(line.lstrip(" "))
            if not stripped or stripped.startswith("#"):
                continue
            if ind < base or (ind == base and not stripped.startswith("-")):
                break  # past the containers list
            m = re.match(r"^(\s*)-(\s+)\w", line)
            if m and item_indent is None:
                item_indent = ind
            if not m or ind != item_indent:
                continue
            indent = m.group(1) + " " + m.group(2)
            block = [(at, l) for at, l in _block(lines, r, len(m.group(1)))]
            probes = any(re.match(rf"^{indent}(livenessProbe|readinessProbe|startupProbe)\s*:", l) for _, l in block)
            port = next((_value(l) for _, l in [(0, line)] + block if re.search(r"containerPort\s*:", l)), "")
            path = next((_value(l) for _, l in block if re.match(r"^\s*path\s*:", l)), "") if probes else ""
            yield _fact(ctx, "kubernetes", r, lines, checked=probes, health_path=path,
                        insert_at=lines[r][0] + len(line.encode()) + 1, indent=indent, section="container",
                        port=port.split()[0] if port else "")
