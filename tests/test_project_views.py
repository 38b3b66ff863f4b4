"""The project model's own constructors build the same objects as its dataclasses."""

from __future__ import annotations

from dataclasses import fields

from prodlint.core import fact
from prodlint.facts.views import Route, _route


def test_a_route_built_fast_equals_the_dataclass():
    f = fact("route", "/p/a.js", None, "/x", method="GET")
    args = (f, "GET", "/x", ("/x",), "express", "app", None)
    fast, slow = _route(*args), Route(*args)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert [getattr(fast, x.name) for x in fields(Route)] == list(args)


# ---------------------------------------------------------------- mounts found through an index

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from prodlint.api import ProjectContext  # noqa: E402
from prodlint.facts.views import _Mounts  # noqa: E402

ROOT = "/p"
FILES = ["/p/app.js", "/p/routes/index.js", "/p/routes/users.ts", "/p/routes/users/index.ts", "/p/routes/a.js",
         "/p/api/__init__.py", "/p/api/items.py", "/p/api/routes/items.py", "/p/api/routes/__init__.py",
         "/p/main.py", "/p/ops/urls.py", "/p/site/urls.py", "/p/src/server.mjs", "/p/src/lib/router.ts"]
MODULES = ["", "./routes", "./routes/users", "./routes/users.js", "../routes/a", "./a.mjs", ".", ".items",
           "..routes.items", ".routes", "api.items", "api.routes.items", "items", "api.routes", "ops.urls",
           "@/routes/users", "express", "./lib/router.js", "...", "routes.users"]
TARGETS = ["router", "users.router", "require('./routes')", "include('ops.urls')", "include(\"api.items\")", "bp"]


def _brute_force(mounts: _Mounts, path: str) -> list:
    """What `_mounted_elsewhere` stands for: every mount of the project tested."""
    return [m for m, module in mounts._modules if m.path != path and mounts._imports(m, module, path)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FILES), st.sampled_from(MODULES), st.sampled_from(TARGETS)),
                min_size=1, max_size=12))
def test_the_mount_index_finds_what_testing_every_mount_finds(specs):
    facts = [fact("mount", path, None, f"/m{i}", object="app", target=target, module=module)
             for i, (path, module, target) in enumerate(specs)]
    project = ProjectContext(ROOT, {"mount": facts}, frozenset(FILES))
    mounts = _Mounts(project)
    for path in FILES + ["/p/routes/users", "/p/elsewhere/items.py"]:
        assert mounts._mounted_elsewhere(path) == _brute_force(mounts, path), path
