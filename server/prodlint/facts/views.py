"""The project model: views over a project's declared facts that every rule shares.

Built once per project (`ProjectContext.model` caches it) from the facts of all its files, so a
rule asks "which routes does this app serve, under which full paths?" or "which call starts the
server, and which app does it start?" instead of re-deriving it. Nothing here reads a file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from prodlint.core import Fact, Span, new_frozen
from prodlint.paths import relative

if TYPE_CHECKING:
    from prodlint.context import ProjectContext

JS_SUFFIXES = (".js", ".ts", ".mjs", ".cjs", ".jsx", ".tsx", ".mts", ".cts")
#: frameworks whose apps listen as Node servers
JS_SERVER_FRAMEWORKS = frozenset({"express", "fastify", "koa", "hono", "http", "restify", "polka", "nestjs"})


@dataclass(frozen=True)
class App:
    """A server app object: `express()`, `Fastify()`, `Flask(__name__)`, a Django URL conf."""

    fact: Fact
    framework: str
    name: str

    @property
    def path(self) -> str:
        return self.fact.path

    @property
    def python(self) -> bool:
        return self.fact.path.endswith(".py")


@dataclass(frozen=True)
class Route:
    """A route with every full path it is served under (mount prefixes and router prefixes
    joined; an unmounted router keeps its own paths)."""

    fact: Fact
    method: str
    path: str  # as written
    full_paths: tuple[str, ...]
    framework: str
    object: str
    handler: Span | None


def _route(fact: Fact, method: str, path: str, full_paths: tuple[str, ...], framework: str, obj: str,
           handler: Span | None) -> Route:
    """`Route(...)` for a project's thousands of routes (`new_frozen`)."""
    return new_frozen(Route, fact=fact, method=method, path=path, full_paths=full_paths, framework=framework,
                      object=obj, handler=handler)


@dataclass(frozen=True)
class EntryPoint:
    """A call that starts serving (`app.listen()`, `serve()`, `app.run()`, `uvicorn.run()`),
    with the app it starts when prodlint can see it: in the same file, or created in a module the
    file imports (`express()` in app.js, exported, `listen()` in server.js)."""

    fact: Fact
    framework: str  # as the call's file sees it; "" for an app imported from another module
    object: str
    arguments: int
    standalone: bool  # its own statement, or the only declarator of a declaration (a fix can add after it)
    app: App | None

    @property
    def path(self) -> str:
        return self.fact.path

    @property
    def javascript(self) -> bool:
        return self.fact.path.endswith(JS_SUFFIXES)


@dataclass(frozen=True)
class EnvRead:
    fact: Fact
    name: str
    optional: bool  # a fallback, a condition, a comparison: the code copes with it missing
    fails_fast: bool  # `os.environ["X"]` at module level: raises at startup when missing


@dataclass(frozen=True)
class Client:
    """A DB/cache client a file creates (`new Pool()`, `create_engine()`, `redis.Redis()`)."""

    fact: Fact
    kind: str
    name: str
    aio: bool  # an asyncio client (`create_async_engine`, `redis.asyncio`)

    @property
    def path(self) -> str:
        return self.fact.path


@dataclass(frozen=True)
class DeployFile:
    fact: Fact
    kind: str  # dockerfile | procfile | compose
    name: str
    commands: tuple[str, ...]
    python_server: str
    python_script: str


class ProjectModel:
    """The views of one project. Each is computed on first use and kept."""

    def __init__(self, project: ProjectContext):
        self.project = project
        self.root = project.root

    # ---- package and framework knowledge
    @cached_property
    def frameworks(self) -> frozenset[str]:
        return frozenset(f.value for f in self.project.facts("framework"))

    @cached_property
    def dependencies(self) -> dict[str, Fact]:
        out: dict[str, Fact] = {}
        for f in self.project.facts("dependency"):
            out.setdefault(f.value, f)
        return out

    @cached_property
    def scripts(self) -> dict[str, str]:
        return {f.value: f.get("command") for f in self.project.facts("script")}

    @cached_property
    def deploy_files(self) -> list[DeployFile]:
        return [DeployFile(f, f.value, f.get("name"), f.get("commands"), f.get("python_server"),
                           f.get("python_script")) for f in self.project.facts("deploy_file")]

    @cached_property
    def clients(self) -> list[Client]:
        return [Client(f, f.value, f.get("name"), bool(f.get("aio"))) for f in self.project.facts("client")]

    @cached_property
    def env_reads(self) -> list[EnvRead]:
        return [EnvRead(f, f.value, f.get("optional"), f.get("fails_fast")) for f in self.project.facts("env_read")]

    @cached_property
    def js_server_frameworks(self) -> frozenset[str]:
        return self.frameworks & JS_SERVER_FRAMEWORKS

    def server_framework(self, entry: EntryPoint) -> str:
        """What a JS entry point serves with: its own framework; for an app imported from another
        module, the project's one server framework ("http" when it names several); "" when the
        project names none (not a server prodlint can tell)."""
        if entry.framework:
            return entry.framework
        known = self.js_server_frameworks
        if not known:
            return ""
        return next(iter(known)) if len(known) == 1 else "http"

    # ---- server objects
    @cached_property
    def apps(self) -> list[App]:
        return [App(f, f.value, f.get("name") or "") for f in self.project.facts("app")]

    @cached_property
    def _mounts(self) -> _Mounts:
        return _Mounts(self.project)

    def mount_prefixes(self, path: str, obj: str) -> set[str]:
        """The path prefixes the app or router `obj` of file `path` is served under (`{""}` at the
        root), through mounts across files: where a middleware `obj.use(...)` applies."""
        return self._mounts.prefixes(path, obj)

    @cached_property
    def routes(self) -> list[Route]:
        mounts = self._mounts
        prefixes_of: dict[tuple[str, str], list[str]] = {}  # the routes of one router share its prefixes
        full_of: dict[tuple[tuple[str, ...], str, str], tuple[str, ...]] = {}  # and many their full paths
        out = []
        new, route_type = object.__new__, Route  # `_route`, written out: a project has thousands
        for f in self.project.facts_by_kind.get("route", ()):
            data = dict(f.data)
            obj = data.get("object")
            key = (f.path, obj or "")
            prefixes = prefixes_of.get(key)
            if prefixes is None:
                prefixes = prefixes_of[key] = tuple(sorted(mounts.prefixes(*key)))
            value = f.value
            parts = (prefixes, data.get("prefix") or "", value)
            full = full_of.get(parts)
            if full is None:
                full = full_of[parts] = _full_paths(*parts)
            route = new(route_type)
            route.__dict__.update(fact=f, method=data.get("method"), path=value, full_paths=full,
                                  framework=data.get("framework"), object=obj, handler=data.get("handler"))
            out.append(route)
        return out

    @cached_property
    def entry_points(self) -> list[EntryPoint]:
        apps_by_file: dict[str, list[App]] = {}
        for app in self.apps:
            apps_by_file.setdefault(app.path, []).append(app)
        out = []
        for f in self.project.facts("listen"):
            obj = f.get("object") or ""
            app = next((a for a in apps_by_file.get(f.path, ()) if a.name == obj), None)
            if app is None:
                app = next((a for module in self.imports.get(f.path, ())
                            for target in [module_file(self.project, f.path, module)] if target
                            for a in apps_by_file.get(target, ())), None)
            out.append(EntryPoint(f, f.value, obj, f.get("arguments") or 0, bool(f.get("standalone")), app))
        # `new App().listen()` in server.ts, where the class's own method calls `this.app.listen()`:
        # a call guessed to start an imported app (framework "") is the same start as the listen
        # of the module it imports, when that module listens itself
        serving = {e.path for e in out if e.framework}
        if not serving or all(e.framework for e in out):
            return out
        return [e for e in out if e.framework or not any(
            module_file(self.project, e.path, module) in serving for module in self.imports.get(e.path, ()))]

    @cached_property
    def imports(self) -> dict[str, list[str]]:
        """path -> the modules it imports."""
        out: dict[str, list[str]] = {}
        for f in self.project.facts("import"):
            out.setdefault(f.path, []).append(f.value)
        return out


def _full_paths(prefixes: tuple[str, ...], prefix: str, path: str) -> tuple[str, ...]:
    """A route's full paths: each mount prefix joined with its router's prefix and its path, in
    order, once each."""
    return tuple(dict.fromkeys(join_path(p, prefix, path) for p in prefixes))


def join_path(*parts: str) -> str:
    """URL path segments joined with one slash (`/api` + `users/` -> `/api/users`)."""
    return "/" + "/".join(p.strip("/") for p in parts if p.strip("/"))


def module_file(project: ProjectContext, importer: str, module: str) -> str | None:
    """The project file a relative JS import (`./app`, `../routes`) names, or None."""
    if not module.startswith("."):
        return None
    stem = _js_stem(importer, module)
    index = os.path.join(stem, "index")
    emitted, ext = os.path.splitext(stem)  # TypeScript ESM imports name the emitted `.js`
    typescript = [emitted + s for s in (".ts", ".tsx", ".mts", ".cts")] if ext in (".js", ".mjs", ".cjs") else []
    for candidate in [stem] + [stem + s for s in JS_SUFFIXES] + [index + s for s in JS_SUFFIXES] + typescript:
        if candidate in project.files:
            return candidate
    return None


class _Mounts:
    """The mount prefixes routes registered on `object` in a file are served under: mounts of that
    object in its own file (`app.use("/api", router)`) and mounts of the file's router elsewhere
    (`app.use("/api", require("./routes/system"))`, `include_router(items.router, prefix=…)`,
    `register_blueprint(bp, url_prefix=…)`, Django `path("api/", include("ops.urls"))`), joined
    through nested routers. A router mounted in its own file takes only those prefixes (the
    file's exported router is the one mounted elsewhere); an app or
    an unmounted router keeps its own paths (it may be mounted in a way prodlint
    cannot see)."""

    def __init__(self, project: ProjectContext):
        self.project = project
        self.mounts = project.facts("mount")
        #: each mount with the module its target names ("" when none), worked out once
        self._modules = [(m, _mount_module(m)) for m in self.mounts]
        self._known: dict[tuple[str, str, int], frozenset[str]] = {}
        self._in_file: dict[str, list[Fact]] = {}
        for m in self.mounts:
            self._in_file.setdefault(m.path, []).append(m)
        self._elsewhere: dict[str, list[Fact]] = {}
        #: (key a file may be found under, mount index) for each mount that names a module: the
        #: candidates `_mounted_elsewhere` then checks with `_imports` (an index, not a new test)
        self._by_key: dict[str, list[int]] | None = None

    def _mounted_elsewhere(self, path: str) -> list[Fact]:
        """The mounts in other files whose target is the module at `path`, in project order.
        Asked for every router file at every depth; testing each mount of the project each time
        made a project of n routers cost n² module resolutions."""
        known = self._elsewhere.get(path)
        if known is None:
            if self._by_key is None:
                self._by_key = self._index_by_key()
            at = sorted(set(self._by_key.get(os.path.splitext(path)[0], ()))
                        | set(self._by_key.get(path, ())) | set(self._by_key.get(os.path.basename(path), ())))
            known = self._elsewhere[path] = [m for m, module in (self._modules[i] for i in at)
                                             if m.path != path and self._imports(m, module, path)]
        return known

    def _index_by_key(self) -> dict[str, list[int]]:
        """Each mount naming a module under every key a file it may import is looked up by in
        `_mounted_elsewhere`: a relative module under its resolved stems (JavaScript) and file
        paths (Python), an absolute Python module under the file names it may end with."""
        out: dict[str, list[int]] = {}
        for i, (mount, module) in enumerate(self._modules):
            if not module:
                continue
            keys: set[str] = set()
            if module.startswith("."):
                stem = _js_stem(mount.path, module)
                keys |= {stem, os.path.join(stem, "index"), os.path.splitext(stem)[0]}
                keys |= set(_py_module_files(_py_relative_stem(mount.path, module)))
            else:
                keys |= {os.path.basename(stem + ".py") for stem in _py_absolute_stems(module)} | {"__init__.py"}
            for key in keys:
                out.setdefault(key, []).append(i)
        return out

    def prefixes(self, path: str, obj: str, depth: int = 0, chain: frozenset[tuple[str, str]] = frozenset()) -> set[str]:
        key = (path, obj, depth)
        known = self._known.get(key)
        if known is None:  # every route of a router asks, and nested routers ask again
            known = self._known[key] = frozenset(self._prefixes(path, obj, depth, chain | {(path, obj)}))
        return set(known)

    def _prefixes(self, path: str, obj: str, depth: int, chain: frozenset[tuple[str, str]]) -> set[str]:
        """Each mount of `obj` joined with the prefixes of the object it is mounted on. A mount
        that leads back to an object already on the way (`chain`) is a cycle, not a prefix: a
        router mounted on itself, or two modules each read as mounting the other, would otherwise
        join the same segments again at every level, into tens of thousands of paths. An object
        reached only through such cycles is served under none of them (an empty set), and one
        mounted nowhere under its own paths (`{""}`)."""
        if depth > 6:
            return {""}
        # `router.include_router(users.router)` mounts another module's `router` on this one
        local = [m for m in self._in_file.get(path, ()) if _targets(m, obj) and m.get("object") != obj]
        mounts = local or self._mounted_elsewhere(path)
        if not mounts:
            return {""}
        out: set[str] = set()
        for mount in mounts:
            outer = (mount.path, mount.get("object") or "")
            if outer in chain:
                continue
            base = self.prefixes(*outer, depth + 1, chain)
            out |= {join_path(b, mount.value) for b in base}
        return out if out or depth else {""}

    def _imports(self, mount: Fact, module: str, path: str) -> bool:
        """The mount's target, the module `module` (or a name from it), is the module at `path`."""
        if not module:
            return False
        if module.startswith("."):
            if path.endswith(".py"):
                return _py_module_is(_py_relative_stem(mount.path, module), path)
            stem = _js_stem(mount.path, module)
            emitted, ext = os.path.splitext(stem)  # TypeScript ESM imports name the emitted `.js`
            stems = {stem, os.path.join(stem, "index")} | ({emitted} if ext in (".js", ".mjs", ".cjs") else set())
            return os.path.splitext(path)[0] in stems or path == stem
        if path.endswith(".py"):
            rel = "/" + relative(path, self.project.root).replace(os.sep, "/")
            return any(_py_module_is(stem, rel, suffix=True) for stem in _py_absolute_stems(module))
        return False


def _mount_module(mount: Fact) -> str:
    """The module a mount's target names: `include("ops.urls")`, `require("./routes")`, or the
    module the target was imported from ("" when none)."""
    module = mount.get("module") or ""
    target = mount.get("target") or ""
    m = re.match(r"""^include\(\s*['"]([\w.]+)['"]""", target)
    if m:
        return m.group(1)
    if not module:
        m = re.match(r"""^require\(\s*['"]([^'"]+)['"]\s*\)""", target)
        module = m.group(1) if m else ""
    return module


def _targets(mount: Fact, obj: str) -> bool:
    """The mount mounts `obj` (`app.use("/v1", v1)`, `include_router(items.router)`, `use(r())`)."""
    target = mount.get("target") or ""
    return target == obj or target.split(".")[-1] == obj or target.startswith(obj + "(")


def _py_module_is(stem: str, path: str, suffix: bool = False) -> bool:
    for candidate in _py_module_files(stem):
        if path == candidate or (suffix and path.endswith(candidate)):
            return True
    return False


def _py_module_files(stem: str) -> tuple[str, str]:
    """The files a Python module at `stem` may be: `stem.py` or the package's `__init__.py`."""
    return stem + ".py", os.path.join(stem, "__init__.py").replace(os.sep, "/")


def _js_stem(importer: str, module: str) -> str:
    """The path (without extension) a relative JS import of `importer` names."""
    return os.path.normpath(os.path.join(os.path.dirname(importer), module))


def _py_relative_stem(importer: str, module: str) -> str:
    """The path (without `.py`) a relative Python import of `importer` names (`..routes.items`)."""
    base = os.path.dirname(importer)
    for _ in range(len(module) - len(module.lstrip(".")) - 1):
        base = os.path.dirname(base)
    return os.path.join(base, *module.lstrip(".").split("."))


def _py_absolute_stems(module: str) -> list[str]:
    """Path suffixes an absolute Python import may name: the module, or the package holding a
    name imported from it (`api.routes.items` or `api.routes`)."""
    return ["/" + name.replace(".", "/") for name in (module, module.rpartition(".")[0]) if name]
