"""What RATE001–RATE003 share: which routes a rate limiter covers, which routes reach a paid API
(through service modules), which paths are authentication endpoints, and the limiter the fixes
write (express-rate-limit, Flask-Limiter, slowapi) with its dependency. Pure functions of the
project's facts (`rate_limit`, `paid_api_call`, `module_call`, `route_handler_ref`, routes with
their full paths)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from prodlint.api import JS_LIKE, Applicability, Fact, FileContext, Finding, Fix, ProjectContext, Span, TextEdit
from prodlint.appmodel import js_imports, py_imports
from prodlint.syntax import indent_unit, py_assignments, py_call_name, quote_style, uses_semicolons
from prodlint.facts.limits import LIMITER_PACKAGES

MUTATING = {"POST", "PUT", "PATCH", "ALL"}
EXPRESS_RATE_LIMIT = "express-rate-limit"
EXPRESS_RATE_LIMIT_VERSION = "^7.5.0"
FLASK_LIMITER_REQUIREMENT = "Flask-Limiter>=3.5"
SLOWAPI_REQUIREMENT = "slowapi>=0.1.9"
SERVER_FRAMEWORKS = {"express", "fastify", "koa", "hono", "nestjs", "flask", "fastapi", "django", "starlette"}
PY_LIMITER_MODULES = ("flask_limiter", "slowapi", "django_ratelimit", "ratelimit", "fastapi_limiter",
                      "rest_framework.throttling", "limits")

# ------------------------------------------------------------------ auth paths

#: path segments (lower-case, `-`/`_` removed) that name an authentication endpoint on their own
_AUTH = {"login", "signin", "logon", "signup", "register", "registration", "forgotpassword", "forgot",
         "resetpassword", "passwordreset", "recoverpassword", "passwordrecovery", "requestpasswordreset",
         "otp", "sendotp", "verifyotp", "resendotp", "requestotp", "magiclink", "sendmagiclink", "passwordless",
         "2fa", "mfa", "totp", "verify2fa", "verifymfa", "verifytotp", "refreshtoken", "token", "accesstoken",
         "authenticate", "verifycode", "sendcode", "resendcode", "resendverification", "verifyphone", "verifyemail",
         "sendverificationemail", "resetpasswordrequest"}
#: segments that name one only after a telling segment (`/password/reset`, `/otp/verify`, `/auth/refresh`)
_AFTER = {"reset": {"password", "passwords", "auth"}, "forgot": {"password", "auth"},
          "recover": {"password", "account", "auth"}, "recovery": {"password", "account", "auth"},
          "verify": {"otp", "email", "phone", "2fa", "mfa", "auth", "code", "sms", "totp", "login", "account"},
          "send": {"otp", "code", "sms", "magiclink", "login", "verification"},
          "resend": {"otp", "code", "verification", "email", "sms"},
          "refresh": {"auth", "token", "tokens", "session", "jwt"}, "request": {"otp", "password", "magiclink"},
          "confirm": {"otp", "2fa", "mfa", "sms", "phone"}, "session": {"auth"}, "sessions": {"auth"}}
_PARAM = re.compile(r"^(:|\{|<|\[|\$|\*)")


@lru_cache(maxsize=4096)
def is_auth_path(path: str) -> bool:
    """An authentication endpoint, judged on whole path segments: `/api/auth/login`,
    `/users/sign_up`, `/password/reset`, `/otp/verify`, `/oauth/token` — not `/blog/login-tips`,
    `/catalog`, `/tokens`, or `/events/:id/register` (an action on a resource, after a parameter)."""
    segments = [s for s in re.split(r"/+", path.split("?")[0]) if s]
    norm = [re.sub(r"[-_.]", "", s.lower()) for s in segments]
    for i, seg in enumerate(norm):
        if _PARAM.match(segments[i]):
            continue
        before = norm[:i]
        if any(_PARAM.match(s) for s in segments[:i]):
            return False
        auth = seg in _AUTH and (seg not in ("token", "accesstoken", "refreshtoken") or i == len(norm) - 1) \
            or seg in _AFTER and bool(before) and before[-1] in _AFTER[seg]
        if auth and _auth_tail(segments[i + 1:], norm[i + 1:]):
            return True
    return False


def _auth_tail(segments: list[str], norm: list[str]) -> bool:
    """What may follow an auth segment: parameters and auth words (`/reset-password/:token`,
    `/login/verify`, `/login/2fa/totp`), not another resource (`/login/test-token`, `/login/help`)."""
    return all(_PARAM.match(raw) or seg in _AUTH or seg in _AFTER or seg in _AUTH_SUFFIX
               for raw, seg in zip(segments, norm))


_AUTH_SUFFIX = {"email", "phone", "sms", "code", "start", "finish", "complete", "confirm", "password", "link",
                "webauthnstart", "webauthnverify", "webauthn", "passkey", "accesstoken", "local", "credentials"}


# ------------------------------------------------------------------ names and modules

def name_matches(ref: str, function: str) -> bool:
    """A reference (`create`, `LoginView`) names a function fact (`create`, `Chat.create`,
    `LoginView.post`)."""
    return bool(ref) and (function == ref or function.endswith("." + ref) or function.startswith(ref + "."))


_JS_SUFFIXES = (".js", ".ts", ".mjs", ".cjs", ".jsx", ".tsx", ".mts", ".cts")


def resolve_module(project: ProjectContext, importer: str, module: str) -> str | None:
    """The project file an import names: a relative or aliased JS module (`./services/ai`,
    `@/lib/ai`), or a Python module (`.services.ai`, `app.services.ai`, with or without the
    imported name at its end)."""
    if not module:
        return None
    python = importer.endswith(".py")
    # the answer depends on the importer's folder only for a relative module: asked once per
    # (language, folder, module) of a project, not once per call fact (tens of thousands)
    key = (python, os.path.dirname(importer) if module.startswith(".") else "", module)
    known = project.shared("resolved_modules", dict)
    if key not in known:
        known[key] = _resolve_python(project, importer, module) if python else _resolve_js(project, importer, module)
    return known[key]


def _resolve_js(project: ProjectContext, importer: str, module: str) -> str | None:
    stems = []
    if module.startswith("."):
        stems.append(os.path.normpath(os.path.join(os.path.dirname(importer), module)))
    elif module.startswith(("@/", "~/", "#")):
        rest = module[2:] if module[1] == "/" else module[1:]
        stems += [os.path.join(project.root, rest), os.path.join(project.root, "src", rest)]
    elif module.startswith("src/"):
        stems.append(os.path.join(project.root, module))
    for stem in stems:
        for candidate in [stem] + [stem + s for s in _JS_SUFFIXES] + [os.path.join(stem, "index") + s for s in _JS_SUFFIXES]:
            if candidate in project.files:
                return candidate
        base, ext = os.path.splitext(stem)
        if ext in (".js", ".mjs", ".cjs"):  # TS ESM imports name the emitted .js file
            for s in (".ts", ".tsx", ".mts", ".cts"):
                if base + s in project.files:
                    return base + s
    return None


def _python_modules(project: ProjectContext) -> dict[str, list[str]]:
    """The project's Python files by the last part of their module name (`a/b/c.py` and
    `a/b/c/__init__.py` under "c"), in path order: an absolute import is looked up among a few
    files instead of every file of the project, once per import."""
    def build() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for path in sorted(project.files):
            if path.endswith(".py"):
                head, base = os.path.split(path)
                out.setdefault(os.path.basename(head) if base == "__init__.py" else base[:-3], []).append(path)
        return out
    return project.shared("python_modules", build)


def _resolve_python(project: ProjectContext, importer: str, module: str) -> str | None:
    parts = module.split(".")
    for cut in (len(parts), len(parts) - 1):
        name = ".".join(parts[:cut])
        if not name.strip("."):
            continue
        if name.startswith("."):
            dots = len(name) - len(name.lstrip("."))
            candidates = []
            # `from . import views` reads as "..views": the dot after a dots-only module counts once
            for up in sorted({dots - 1, max(dots - 2, 0)}):
                base = os.path.dirname(importer)
                for _ in range(up):
                    base = os.path.dirname(base)
                stem = os.path.join(base, *name.lstrip(".").split("."))
                candidates += [stem + ".py", os.path.join(stem, "__init__.py")]
        else:
            tail = os.path.join(*name.split("."))
            candidates = [p for p in _python_modules(project).get(name.rsplit(".", 1)[-1], ())
                          if p.endswith(os.sep + tail + ".py") or p.endswith(os.path.join(os.sep + tail, "__init__.py"))]
        for candidate in candidates:
            if candidate in project.files:
                return candidate
    return None


def contains(outer: Span | None, inner: Span | None) -> bool:
    return outer is not None and inner is not None and outer.start <= inner.start and inner.end <= outer.end


def join_path(*parts: str) -> str:
    return "/" + "/".join(p.strip("/") for p in parts if p and p.strip("/"))


def under(path: str, prefix: str) -> bool:
    """`path` is `prefix` or below it, segment-wise (`/api/auth/login` under `/api`, not `/apiary`)."""
    prefix = "/" + prefix.strip("/")
    return prefix == "/" or path == prefix or path.startswith(prefix + "/")


# ------------------------------------------------------------------ the project's limiters and paid calls

@dataclass(frozen=True)
class RouteView:
    fact: Fact
    method: str
    full_paths: tuple[str, ...]
    framework: str
    handler: Span | None


def rate_model(project: ProjectContext) -> RateModel:
    """The project's one `RateModel`, shared by RATE001-RATE003."""
    return project.shared("rate_model", lambda: RateModel(project))


class RateModel:
    """Rate limiters and paid-API reach of one project (reads facts and views only, so the rules
    share one: `rate_model`)."""

    def __init__(self, project: ProjectContext):
        self.project = project
        self.limits = project.facts("rate_limit")
        self.refs = {(f.path, f.span.start): f for f in project.facts("route_handler_ref") if f.span}

    @cached_property
    def routes(self) -> list[RouteView]:
        return [RouteView(r.fact, (r.method or "").upper(), r.full_paths or (r.path,), r.framework or "", r.handler)
                for r in self.project.routes()]

    @cached_property
    def has_limiter(self) -> bool:
        """Any rate limiter anywhere: applied in code, or a limiting package the project depends on
        or imports (it may be applied in a way prodlint cannot see)."""
        if self.limits:
            return True
        if any(name in LIMITER_PACKAGES for name in self.project.dependencies):
            return True
        return any(f.value in LIMITER_PACKAGES or f.value.startswith(PY_LIMITER_MODULES)
                   for f in self.project.facts("import"))

    @cached_property
    def _app_prefixes(self) -> list[str]:
        """Full path prefixes app-wide limiters cover (`app.use(limiter)` -> "/", `app.use("/api",
        limiter)` -> "/api", `router.use(limiter)` on a router mounted at /api/auth -> "/api/auth")."""
        out = []
        for f in self.limits:
            if f.get("scope") != "app":
                continue
            for base in self._bases(f.path, f.get("object") or ""):
                out.append(join_path(base, f.get("prefix") or ""))
        return out

    def unlimited_path(self, route: RouteView) -> str:
        """The first full path of the route no app-wide limiter covers (for messages)."""
        return next((p for p in route.full_paths if not any(under(p, x) for x in self._app_prefixes)),
                    route.full_paths[0])

    def _bases(self, path: str, obj: str) -> set[str]:
        if not obj or any(a.path == path and a.name == obj for a in self.project.apps()):
            return {""}
        return self.project.model.mount_prefixes(path, obj)

    def covered(self, route: RouteView) -> bool:
        """A limiter applies to the route: app-wide or on a prefix of every full path it is served
        under, as one of its middlewares or decorators, or checked in its handler (here or in the
        function it names)."""
        if all(any(under(p, prefix) for prefix in self._app_prefixes) for p in route.full_paths):
            return True
        if any(p != "/" for p in self._app_prefixes) and self._unmounted(route):
            return True  # mounted in a way prodlint cannot follow: a prefix limiter may cover it
        for f in self.limits:
            if f.path != route.fact.path or f.get("scope") == "app":
                continue
            if contains(route.fact.span, f.span) or contains(route.handler, f.span):
                return True
        target = self._handler_target(route)
        if target is not None:
            path, name = target
            return any(f.path == path and f.get("scope") != "app" and name_matches(name, f.get("function") or "")
                       for f in self.limits)
        return False

    def _unmounted(self, route: RouteView) -> bool:
        """A router's route whose mount prodlint cannot see (`routes.forEach((r) => router.use(r.path,
        r.route))`): its full path is just its own path."""
        obj = route.fact.get("object") or ""
        if not obj or route.framework in ("next", "django") \
                or any(a.path == route.fact.path and a.name == obj for a in self.project.apps()):
            return False
        return route.full_paths == (join_path(route.fact.value),)

    def _handler_target(self, route: RouteView) -> tuple[str, str] | None:
        ref = self.refs.get((route.fact.path, route.fact.span.start)) if route.fact.span else None
        if ref is None:
            return None
        module = ref.get("module") or ""
        path = resolve_module(self.project, ref.path, module) if module else ref.path
        return (path, ref.value) if path else None

    @cached_property
    def paid_functions(self) -> dict[tuple[str, str], str]:
        """(file, function) -> paid API, for functions that call one directly, through a function
        of their own file, or through functions of local modules they import (a few hops)."""
        return self._paid[0]

    @cached_property
    def _paid(self) -> tuple[dict[tuple[str, str], str], dict[str, list[tuple[str, str]]]]:
        """`paid_functions`, and the same entries by file in the order they were found (a call
        asks about the one file it resolves to, not every paid function of the project)."""
        out: dict[tuple[str, str], str] = {}
        by_file: dict[str, list[tuple[str, str]]] = {}
        for f in self.project.facts("paid_api_call"):
            key = (f.path, f.get("function"))
            if key[1] and key not in out:
                out[key] = f.value
                by_file.setdefault(f.path, []).append((key[1], f.value))
        if not out and not self.project.has("paid_client"):
            return out, by_file  # a call reaches a paid API only through one of these
        calls = [f for f in self.project.facts("module_call") if f.get("function")]
        # A call's answer depends only on the entries of the file it resolves to, which only
        # grow: it is asked again only when that file has gained one since it was last asked.
        asked = [-1] * len(calls)
        targets = [resolve_module(self.project, call.path, call.get("module") or "") for call in calls]
        for _ in range(4):
            grew = False
            for i, call in enumerate(calls):
                key = (call.path, call.get("function"))
                if key in out:
                    continue
                target = targets[i]
                known = len(by_file.get(target, ())) if target is not None else 0
                if known == asked[i]:
                    continue
                asked[i] = known
                provider = self._reaches_file(by_file, call, target)
                if provider:
                    out[key] = provider
                    by_file.setdefault(key[0], []).append((key[1], provider))
                    grew = True
            if not grew:
                break
        return out, by_file

    @cached_property
    def _paid_clients(self) -> dict[str, list[Fact]]:
        """paid_client facts by file, in project order."""
        out: dict[str, list[Fact]] = {}
        for f in self.project.facts("paid_client"):
            out.setdefault(f.path, []).append(f)
        return out

    def _reaches(self, paid_by_file: dict[str, list[tuple[str, str]]], call: Fact) -> str | None:
        """The paid API a call of a local module's function reaches, given the paid functions
        known (by file: `_paid`)."""
        return self._reaches_file(paid_by_file, call, resolve_module(self.project, call.path, call.get("module") or ""))

    def _reaches_file(self, paid_by_file: dict[str, list[tuple[str, str]]], call: Fact, path: str | None) -> str | None:
        """`_reaches`, with the file the call resolves to (`resolve_module`) already known."""
        if path is None:
            return None
        obj = call.get("object") or ""
        if obj:  # a call on a client the module exports (`openai.chat.completions.create()`)
            client = next((f.value for f in self._paid_clients.get(path, ())
                           if f.get("name") in (obj, "default")), None)
            if client:
                return client
        return next((provider for function, provider in paid_by_file.get(path, ())
                     if name_matches(call.value, function)), None)

    def file_route_paid(self, route: RouteView) -> tuple[Fact, str] | None:
        """For a route that is a whole file (Next.js `pages/api/*`): the first call in it that
        reaches a paid API, with the API, unless a limiter is checked in that file."""
        path = route.fact.path
        if any(f.path == path and f.get("scope") != "app" for f in self.limits):
            return None
        for f in self._calls_by_file.get(("paid_api_call", path), ()):
            if f.span is not None:
                return f, f.value
        for call in self._calls_by_file.get(("module_call", path), ()):
            if call.span is not None:
                provider = self._reaches(self._paid[1], call)
                if provider:
                    return call, provider
        return None

    @cached_property
    def _calls_by_file(self) -> dict[tuple[str, str], list]:
        """paid_api_call and module_call facts by (kind, file), in project order: a route looks
        only at its own file's calls."""
        out: dict[tuple[str, str], list] = {}
        for kind in ("paid_api_call", "module_call"):
            for f in self.project.facts(kind):
                out.setdefault((kind, f.path), []).append(f)
        return out

    def paid_provider(self, route: RouteView) -> str | None:
        """The paid API a route's handler reaches, if any."""
        if route.handler is not None:
            for f in self._calls_by_file.get(("paid_api_call", route.fact.path), ()):
                if contains(route.handler, f.span):
                    return f.value
            for call in self._calls_by_file.get(("module_call", route.fact.path), ()):
                if contains(route.handler, call.span):
                    provider = self._reaches(self._paid[1], call)
                    if provider:
                        return provider
        target = self._handler_target(route)
        if target is not None:
            for function, provider in self._paid[1].get(target[0], ()):
                if name_matches(target[1], function):
                    return provider
        return None


# ------------------------------------------------------------------ the fixes' limiter (express-rate-limit)

@dataclass(frozen=True)
class DependencyAnchor:
    """Where the fix declares express-rate-limit in package.json ("" path: already declared)."""

    manifest: str = ""
    offset: int = 0
    indent: str = ""
    inline: bool = False  # the dependencies sit on one line


def express_dependency(project: ProjectContext) -> DependencyAnchor | None:
    """Where to add express-rate-limit to the package's runtime dependencies (in order when they
    are); an empty anchor when it is declared; None when there is no package.json dependencies
    section to add it to (the fix is then withheld)."""
    if EXPRESS_RATE_LIMIT in project.dependencies:
        return DependencyAnchor()
    manifest = os.path.join(project.root, "package.json")
    runtime = [f for f in project.facts("dependency") if f.path == manifest and not f.get("dev") and f.span]
    if not runtime:
        return None
    later = [f for f in runtime if f.value > EXPRESS_RATE_LIMIT]
    anchor = min(later or runtime, key=lambda f: f.span.start)
    if not later:  # after the last one: insert before the first and keep order simple
        anchor = min(runtime, key=lambda f: f.span.start)
    inline = any(f is not anchor and f.span.start_point[0] == anchor.span.start_point[0] for f in runtime) \
        or (len(runtime) == 1 and anchor.span.start_point[1] > 8)
    return DependencyAnchor(manifest, anchor.span.start, "" if inline else " " * anchor.span.start_point[1], inline)


def dependency_data(anchor: DependencyAnchor) -> dict[str, object]:
    return {"manifest": anchor.manifest, "dep_offset": anchor.offset, "dep_indent": anchor.indent,
            "dep_inline": anchor.inline}


def dependency_edit(finding: Finding) -> TextEdit | None:
    manifest = finding.get("manifest") or ""
    if not manifest:
        return None
    gap = " " if finding.get("dep_inline") else "\n" + finding.get("dep_indent")
    return TextEdit(manifest, finding.get("dep_offset"), finding.get("dep_offset"),
                    f'"{EXPRESS_RATE_LIMIT}": "{EXPRESS_RATE_LIMIT_VERSION}",{gap}')


def is_esm(ctx: FileContext) -> bool:
    if ctx.path.endswith((".mjs", ".mts", ".ts", ".tsx")):
        return True
    if ctx.path.endswith((".cjs", ".cts")):
        return False
    return any(c.type == "import_statement" for c in ctx.tree.root_node.named_children) \
        or (b"require(" not in ctx.source and any(c.type == "export_statement" for c in ctx.tree.root_node.named_children))


def rate_limit_binding(ctx: FileContext) -> str | None:
    """The name this file already has for express-rate-limit's `rateLimit` (imported or required)."""
    for name, module in js_imports(ctx).items():
        if module == EXPRESS_RATE_LIMIT and name and not name.startswith(" "):
            return name
    return None


def top_level_insert_offset(ctx: FileContext) -> int:
    """After the last top-level import/require statement (or at the start, after directives)."""
    last = None
    for child in ctx.tree.root_node.named_children:
        if child.type == "import_statement" or (child.type in ("lexical_declaration", "variable_declaration")
                                                 and b"require(" in ctx.source[child.start_byte:child.end_byte]):
            last = child
        elif child.type == "expression_statement" and ctx.text_of(child).strip(";").strip() in (
                '"use strict"', "'use strict'", '"use server"', "'use server'"):
            last = last or child
    if last is None:
        return 0
    end = ctx.source.find(b"\n", last.end_byte)
    return len(ctx.source) if end < 0 else end + 1


def limiter_definition(ctx: FileContext, name: str, window: str, limit: int, message: str) -> list[TextEdit]:
    """Edits that give the file `const <name> = rateLimit({...})`, and the import of `rateLimit`,
    after its imports, when it lacks them."""
    if re.search(rb"\b(const|let|var)\s+" + re.escape(name.encode()) + rb"\b", ctx.source):
        return []
    q, semi, u, nl = quote_style(ctx), (";" if uses_semicolons(ctx) else ""), indent_unit(ctx), ctx.newline
    binding = rate_limit_binding(ctx)
    head = ""
    if binding is None:
        binding = "rateLimit"
        head = (f"import {{ rateLimit }} from {q}{EXPRESS_RATE_LIMIT}{q}{semi}" if is_esm(ctx)
                else f"const {{ rateLimit }} = require({q}{EXPRESS_RATE_LIMIT}{q}){semi}") + nl
    definition = nl.join([
        f"const {name} = {binding}({{",
        f"{u}windowMs: {window},",
        f"{u}limit: {limit},",
        f"{u}standardHeaders: {q}draft-7{q},",
        f"{u}legacyHeaders: false,",
        f"{u}message: {{ error: {q}{message}{q} }},",
        f"}}){semi}",
    ])
    at = top_level_insert_offset(ctx)
    text = head + nl + definition + nl if at else head + definition + nl + nl
    return [TextEdit(ctx.path, at, at, text)]


def is_js(path: str) -> bool:
    from prodlint.languages import language_for

    return language_for(path) in JS_LIKE


def route_call_at(ctx: FileContext, span: Span):
    """The JS route registration call (`router.post("/login", …)`) a finding is anchored at."""
    if ctx.tree is None or span.end > len(ctx.source):
        return None
    node = ctx.tree.root_node.descendant_for_byte_range(span.start, span.end)
    while node is not None and not (node.type == "call_expression" and node.start_byte == span.start
                                    and node.end_byte == span.end):
        node = node.parent
    if node is None or node.child_by_field_name("arguments") is None:
        return None
    return node


def python_dependency_edit(ctx: FileContext, requirement: str, name: str) -> list[TextEdit] | None:
    """Edits declaring a Python package: a line of requirements.txt (created when the project has
    neither it nor a pyproject.toml), or an entry of pyproject.toml's `[project] dependencies` /
    `[tool.poetry.dependencies]`; [] when it is declared already, None when prodlint cannot tell
    where (the fix is then withheld)."""
    requirements = os.path.join(ctx.project_root, "requirements.txt")
    pyproject = os.path.join(ctx.project_root, "pyproject.toml")
    wanted = re.compile(rb"(?im)^\s*[\"']?" + re.escape(name.encode()).replace(rb"\-", rb"[-_]") + rb"\b")
    if os.path.isfile(requirements) or not os.path.isfile(pyproject):
        if os.path.islink(requirements):
            return None
        if os.path.isfile(requirements) and wanted.search(_read(requirements)):
            return []
        return [ctx.ensure_lines("requirements.txt", requirement)]
    if os.path.islink(pyproject):
        return None
    data = _read(pyproject)
    if wanted.search(data):
        return []
    nl = "\r\n" if b"\r\n" in data else "\n"
    m = re.search(rb"(?ms)^\[project\][^\[]*?^dependencies\s*=\s*\[", data)
    if m:
        close = data.find(b"]", m.end())
        inner = data[m.end():close]
        if b"\n" in inner:
            indent = re.search(rb"\n([ \t]+)\S", inner)
            pad = indent.group(1).decode() if indent else "    "
            return [TextEdit(pyproject, m.end(), m.end(), f'{nl}{pad}"{requirement.lower()}",')]
        sep = ", " if inner.strip() else ""
        return [TextEdit(pyproject, close, close, f'{sep}"{requirement.lower()}"')]
    m = re.search(rb"(?m)^\[tool\.poetry\.dependencies\][ \t]*\r?\n", data)
    if m:
        version = requirement.split(">=")[1]
        return [TextEdit(pyproject, m.end(), m.end(), f'{name} = ">={version}"{nl}')]
    return None


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(1_000_000)
    except OSError:
        return b""


# ------------------------------------------------------------------ the fixes' limiter (Flask-Limiter, slowapi)

def py_route_limit_fix(ctx: FileContext, finding: Finding, limit: str, title: str) -> Fix | None:
    """`@limiter.limit("<limit>")` on a Flask or FastAPI view, with a Limiter created on the app when
    this file creates the app and has none (and the package declared); None when the limiter
    would have to live in another module."""
    framework = finding.get("framework")
    definition = _decorated_function(ctx, finding.span)
    if definition is None or framework not in ("flask", "fastapi"):
        return None
    imports = py_imports(ctx)
    module = "flask_limiter" if framework == "flask" else "slowapi"
    limiter = next((name for name, value in py_assignments(ctx).items()
                    if imports.get(py_call_name(ctx, value).split(".")[0], "").startswith(module)
                    and py_call_name(ctx, value).endswith("Limiter")), None) \
        or next((name for name, source in imports.items() if source.endswith(".limiter")
                 and not source.startswith(module)), None)
    q, nl = quote_style(ctx), ctx.newline
    edits: list[TextEdit] = []
    if limiter is None:
        setup = _py_limiter_setup(ctx, framework)
        if setup is None:
            return None
        edits += setup
        limiter = "limiter"
    function = definition.child_by_field_name("definition")
    indent = ctx.indent_at(function.start_byte)
    edits.append(ctx.insert(function.start_byte - len(indent.encode()), f"{indent}@{limiter}.limit({q}{limit}{q}){nl}"))
    if framework == "fastapi" and not _has_request_parameter(ctx, function):
        params = function.child_by_field_name("parameters")
        has_params = bool([p for p in params.named_children if p.type != "comment"])
        edits.append(ctx.insert(params.start_byte + 1, "request: Request" + (", " if has_params else "")))
        if imports.get("Request", "") not in ("fastapi.Request", "starlette.requests.Request"):
            edits.append(ctx.insert(py_imports_end(ctx), f"from fastapi import Request{nl}"))
    return Fix(title, Applicability.UNSAFE, tuple(edits))


def py_route_fixable(project: ProjectContext, route_path: str) -> bool:
    """Whether the Python fix can put a limiter on a view of this file: the file creates the app,
    or has a Limiter (created here or imported from the project's own module)."""
    if any(a.path == route_path and a.framework in ("flask", "fastapi") and a.fact.span is not None
           and a.fact.span.start_point[1] == len(a.name) + 3 for a in project.apps()):
        return True  # `app = Flask(__name__)` at module level
    return any(module.endswith(".limiter") or module in ("flask_limiter.Limiter", "slowapi.Limiter")
               for module in project.model.imports.get(route_path, ()))  # asked per route: the file's own


def _decorated_function(ctx: FileContext, span: Span):
    if ctx.tree is None or span.end > len(ctx.source):
        return None
    node = ctx.tree.root_node.descendant_for_byte_range(span.start, span.end)
    while node is not None and node.type != "decorated_definition":
        node = node.parent
    if node is None or node.child_by_field_name("definition") is None \
            or node.child_by_field_name("definition").type != "function_definition":
        return None
    return node


def _has_request_parameter(ctx: FileContext, function) -> bool:
    params = function.child_by_field_name("parameters")
    return any(re.match(r"^\*{0,2}request\b", ctx.text_of(p)) or re.search(r":\s*Request\b", ctx.text_of(p))
               for p in params.named_children)


def py_imports_end(ctx: FileContext) -> int:
    """After the file's leading imports (or its docstring, or at the start)."""
    last = None
    for child in ctx.tree.root_node.named_children:
        if child.type in ("import_statement", "import_from_statement", "future_import_statement"):
            last = child
        elif child.type == "comment" or (last is None and child.type == "expression_statement"
                                         and child.named_children and child.named_children[0].type == "string"):
            last = last if child.type == "comment" else child
        else:
            break  # the leading imports end here (a late `from app import models` stays where it is)
    if last is None:
        return 0
    end = ctx.source.find(b"\n", last.end_byte)
    return len(ctx.source) if end < 0 else end + 1


def _py_limiter_setup(ctx: FileContext, framework: str) -> list[TextEdit] | None:
    """`limiter = Limiter(...)` on the app this file creates at module level, its imports and the
    package; None when the file creates no app."""
    app_class = "Flask" if framework == "flask" else "FastAPI"
    imports = py_imports(ctx)
    app = None
    for child in ctx.tree.root_node.named_children:
        if child.type == "expression_statement" and child.named_children and child.named_children[0].type == "assignment":
            assign = child.named_children[0]
            call = py_call_name(ctx, assign.child_by_field_name("right"))
            if call and imports.get(call.split(".")[0], "").endswith(app_class) or call.endswith("." + app_class):
                app = (child, ctx.text_of(assign.child_by_field_name("left")))
    if app is None:
        return None
    statement, name = app
    nl = ctx.newline
    if framework == "flask":
        head = f"from flask_limiter import Limiter{nl}from flask_limiter.util import get_remote_address{nl}"
        body = f"{nl}limiter = Limiter(get_remote_address, app={name}){nl}"
        requirement, package = FLASK_LIMITER_REQUIREMENT, "flask-limiter"
    else:
        head = (f"from slowapi import Limiter, _rate_limit_exceeded_handler{nl}"
                f"from slowapi.errors import RateLimitExceeded{nl}from slowapi.util import get_remote_address{nl}")
        body = (f"{nl}limiter = Limiter(key_func=get_remote_address){nl}{name}.state.limiter = limiter{nl}"
                f"{name}.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler){nl}")
        requirement, package = SLOWAPI_REQUIREMENT, "slowapi"
    dependency = python_dependency_edit(ctx, requirement, package)
    if dependency is None:
        return None
    end = ctx.source.find(b"\n", statement.end_byte)
    at = len(ctx.source) if end < 0 else end
    return [ctx.insert(py_imports_end(ctx), head), ctx.insert(at, nl + body.rstrip("\r\n")), *dependency]


def route_limiter_fix(ctx: FileContext, finding: Finding, limiter: tuple[str, str, int, str], title: str,
                      py_limit: str, py_title: str) -> Fix | None:
    """A per-route limiter on the route a RATE002/RATE003 finding is anchored at: Flask-Limiter or
    slowapi on Python views; on Express, `limiter = (name, window, limit, message)` defined once
    and inserted as the route's first middleware, with the dependency the finding carries."""
    if finding.get("framework") in ("flask", "fastapi"):
        return py_route_limit_fix(ctx, finding, py_limit, py_title)
    call = route_call_at(ctx, finding.span)
    if call is None:
        return None
    args = [a for a in call.child_by_field_name("arguments").named_children if a.type != "comment"]
    first = 1 if args and args[0].type in ("string", "template_string") else 0  # router.route("/x").post(h)
    if len(args) <= first:
        return None
    name, window, limit, message = limiter
    edits = limiter_definition(ctx, name, window, limit, message)
    edits.append(ctx.insert(args[first].start_byte, f"{name}, "))
    dep = dependency_edit(finding)
    if dep is not None:
        edits.append(dep)
    return ctx.fix(title, Applicability.UNSAFE, *edits)
