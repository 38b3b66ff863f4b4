"""The project model: declared fact kinds, and the views every project rule shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from prodlint.api import ProjectContext
from prodlint.config import Config
from prodlint.engine import Engine, project_root_for, role_for
from prodlint.facts.kinds import KINDS, problems, render_doc
from prodlint.languages import language_for
from prodlint.parsing import Document
from prodlint.project import lint_file
from prodlint.registry import all_rules, fact_extractors
from prodlint.walk import walk

REPO = Path(__file__).parent.parent
EXAMPLE_ROOTS = [REPO / "examples"] + sorted((REPO / "rules" / "prodlint_rules").glob("*.examples"))


def _example_files() -> list[str]:
    out = []
    for top in EXAMPLE_ROOTS:
        out += [p for p in walk(str(top), Config()) if isinstance(p, str)]
    return out


def test_facts_doc_is_current():
    committed = (REPO / "docs" / "facts.md").read_text()
    assert committed == render_doc(), "docs/facts.md is stale: run `python -m prodlint.facts.kinds > docs/facts.md`"


def test_every_declared_kind_names_real_emitters():
    names = {ex.name for ex in fact_extractors()}
    for kind in KINDS.values():
        assert kind.emitters and set(kind.emitters) <= names, kind.name


def test_every_extracted_fact_is_declared_with_exactly_its_fields():
    """Run each fact extractor alone over every example file: each fact it emits is of a kind
    that names it as emitter, with exactly the declared fields of the declared types."""
    engine = Engine()
    seen: set[str] = set()
    wrong: list[str] = []
    for path in _example_files():
        language = language_for(path)
        if language is None:
            continue
        doc = Document(path, language, Path(path).read_bytes())
        root = project_root_for(path)
        ctx = engine.context(doc, root, role_for(path, root))
        matches = engine.run_query(doc)
        for ex in fact_extractors():
            if language not in ex.targets:
                continue
            for fact in ex.facts(ctx.for_extractor(matches.get(f"facts:{ex.name}", []))):
                seen.add(fact.kind)
                wrong += [f"{path}: {p}" for p in problems(fact)]
                kind = KINDS.get(fact.kind)
                if kind is not None and ex.name not in kind.emitters:
                    wrong.append(f"{path}: {fact.kind} emitted by undeclared emitter {ex.name}")
    assert not wrong, "\n".join(wrong[:20])
    assert {"app", "route", "listen", "env_read", "deploy_file", "dependency"} <= seen


def test_problems_reports_undeclared_kinds_and_wrong_fields():
    from prodlint.api import fact

    assert problems(fact("SIG001.listen", "/a.js")) == ["undeclared fact kind 'SIG001.listen'"]
    assert problems(fact("client", "/a.js", None, "pg", name="pool", aio=False)) == []
    assert problems(fact("client", "/a.js", None, "pg")) != []
    assert problems(fact("client", "/a.js", None, "pg", name=3)) != []
    assert problems(fact("listen", "/a.js", None, "express", object="app", bound=True, arguments=True)) != []


# ---------------------------------------------------------------- views

def project_of(tmp_path: Path, files: dict[str, str]) -> ProjectContext:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    facts, paths = [], []
    for name in files:
        path = str(tmp_path / name)
        paths.append(path)
        facts += lint_file(path, str(tmp_path), with_findings=False).facts
    by_kind: dict[str, list] = {}
    for f in facts:
        by_kind.setdefault(f.kind, []).append(f)
    return ProjectContext(str(tmp_path), by_kind, frozenset(paths))


def full_paths(project: ProjectContext) -> set[str]:
    return {p for r in project.routes() for p in r.full_paths}


def test_routes_join_nested_js_routers_across_files(tmp_path):
    project = project_of(tmp_path, {
        "package.json": '{"dependencies": {"express": "^4.19.2"}}',
        "app.js": "const express = require('express');\nconst api = require('./routes/api');\n"
                  "const app = express();\napp.use('/api', api);\nmodule.exports = app;\n",
        "routes/api.js": "const express = require('express');\nconst router = express.Router();\n"
                         "const v1 = express.Router();\nv1.get('/health', (req, res) => res.end());\n"
                         "router.use('/v1', v1);\nmodule.exports = router;\n",
        "routes/other.js": "const express = require('express');\nconst r = express.Router();\n"
                           "r.get('/orphan', (req, res) => res.end());\nmodule.exports = r;\n",
    })
    assert full_paths(project) == {"/api/v1/health", "/orphan"}
    route = next(r for r in project.routes() if r.path == "/health")
    assert (route.method, route.object, route.framework) == ("GET", "v1", "express")


def test_routes_through_flask_blueprints_fastapi_routers_and_django_includes(tmp_path):
    project = project_of(tmp_path, {
        "requirements.txt": "flask\n",
        "web/app.py": "from flask import Flask\nfrom web.ops import bp\napp = Flask(__name__)\n"
                      "app.register_blueprint(bp, url_prefix='/ops')\n",
        "web/ops.py": "from flask import Blueprint\nbp = Blueprint('ops', __name__)\n"
                      "@bp.get('/ping')\ndef ping():\n    return 'ok'\n",
        "api/main.py": "from fastapi import FastAPI\nfrom api.routes import items\napp = FastAPI()\n"
                       "app.include_router(items.router, prefix='/v1')\n",
        "api/routes/items.py": "from fastapi import APIRouter\nrouter = APIRouter(prefix='/items')\n"
                               "@router.get('/{id}')\ndef item(id: int):\n    return {}\n",
        "site/urls.py": "from django.urls import include, path\nurlpatterns = [path('probes/', include('probes.urls'))]\n",
        "probes/urls.py": "from django.urls import path\nfrom . import views\n"
                          "urlpatterns = [path('ready/', views.ready)]\n",
    })
    paths = full_paths(project)
    assert {"/ops/ping", "/v1/items/{id}"} <= paths
    assert "/probes/ready" in paths


def test_routers_all_named_router_nest_without_a_cycle(tmp_path):
    """Every FastAPI module names its router `router`; a module mounting `users.router` on its
    own `router` is not mounting itself. Each route gets its one real path, and the resolution
    stays linear: read as self-mounts, 7 such mounts gave 19,531 prefixes per route."""
    segments = ["users", "user", "profiles", "tags", "articles", "comments", "favorites"]
    files = {"requirements.txt": "fastapi\n",
             "app/main.py": "from fastapi import FastAPI\nfrom app.api.routes.api import router as api_router\n"
                            "app = FastAPI()\napp.include_router(api_router, prefix='/api')\n",
             "app/api/routes/api.py": "from fastapi import APIRouter\nfrom app.api.routes import "
                                      + ", ".join(segments) + "\nrouter = APIRouter()\n"
                                      + "".join(f"router.include_router({s}.router, prefix='/{s}')\n" for s in segments)}
    for s in segments:
        files[f"app/api/routes/{s}.py"] = ("from fastapi import APIRouter\nrouter = APIRouter()\n"
                                           f"@router.post('/login')\ndef {s}_login():\n    return {{}}\n")
    project = project_of(tmp_path, files)
    assert sorted(r.full_paths for r in project.routes()) == sorted((f"/api/{s}/login",) for s in segments)


def test_mounts_that_lead_back_are_left_out(tmp_path):
    """Two routers read as mounting each other: each keeps the prefix of the real mount only."""
    project = project_of(tmp_path, {
        "package.json": '{"dependencies": {"express": "^4.19.2"}}',
        "app.js": "const express = require('express');\nconst a = require('./a');\nconst app = express();\n"
                  "app.use('/api', a);\nmodule.exports = app;\n",
        "a.js": "const express = require('express');\nconst router = express.Router();\n"
                "router.use('/b', require('./b'));\nrouter.get('/x', (req, res) => res.end());\nmodule.exports = router;\n",
        "b.js": "const express = require('express');\nconst router = express.Router();\n"
                "router.use('/a', require('./a'));\nrouter.get('/y', (req, res) => res.end());\nmodule.exports = router;\n",
    })
    paths = {r.path: set(r.full_paths) for r in project.routes()}
    assert paths["/x"] == {"/api/x"}
    assert paths["/y"] == {"/api/b/y"}


def test_entry_point_finds_the_app_created_in_another_file(tmp_path):
    project = project_of(tmp_path, {
        "package.json": '{"dependencies": {"express": "^4.19.2"}}',
        "src/app.js": "const express = require('express');\nconst app = express();\nmodule.exports = app;\n",
        "src/server.js": "const app = require('./app');\napp.listen(process.env.PORT || 3000);\n",
    })
    [entry] = project.entry_points()
    assert entry.path.endswith("server.js") and entry.object == "app" and entry.arguments == 1
    assert entry.app is not None and entry.app.path.endswith("app.js") and entry.app.framework == "express"
    assert [a.name for a in project.apps()] == ["app"]
    assert project.frameworks == {"express"}
    assert "express" in project.dependencies


def test_env_reads_clients_loggers_scripts_and_deploy_files(tmp_path):
    project = project_of(tmp_path, {
        "package.json": '{"dependencies": {"pg": "8", "pino": "9"}, "scripts": {"start": "node server.js"}}',
        "server.js": "const { Pool } = require('pg');\nconst pino = require('pino');\nconst log = pino();\n"
                     "const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n"
                     "const debug = process.env.DEBUG_SQL || '';\n",
        "Dockerfile": "FROM node:20\nCMD [\"node\", \"server.js\"]\n",
    })
    reads = {r.name: r.optional for r in project.env_reads()}
    assert reads == {"DATABASE_URL": False, "DEBUG_SQL": True}
    assert [(c.kind, c.name) for c in project.clients()] == [("pg", "pool")]
    assert [f.value for f in project.loggers()] == ["log"]
    assert project.scripts == {"start": "node server.js"}
    [deploy] = project.deploy_files
    assert deploy.kind == "dockerfile" and deploy.commands == ("node server.js",)


def test_views_are_computed_once_per_project_and_shared_by_rules(tmp_path):
    project = project_of(tmp_path, {"package.json": "{}", "a.js": "process.env.X;\n"})
    rule_a, rule_b = all_rules()[0].rule, all_rules()[1].rule
    assert project.for_rule(rule_a).env_reads() is project.for_rule(rule_b).env_reads()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_is_documented(kind):
    assert KINDS[kind].value and KINDS[kind].emitters
