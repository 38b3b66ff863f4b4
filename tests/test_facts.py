"""The shared framework facts (prodlint.facts): what a file contributes to its project."""

from __future__ import annotations

from pathlib import Path

import pytest

from prodlint.engine import project_root_for
from prodlint.project import lint_file


def facts_of(tmp_path: Path, files: dict[str, str], target: str) -> list:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    path = str(tmp_path / target)
    return list(lint_file(path, project_root_for(path), with_findings=False).facts)


def kinds(facts, kind: str) -> list:
    return [f for f in facts if f.kind == kind]


def test_package_json_dependencies_scripts_frameworks(tmp_path):
    facts = facts_of(tmp_path, {"package.json": '{\n  // deps\n  "dependencies": {"express": "^4.19.2", '
                                                 '"http-terminator": "3"},\n  "devDependencies": {"jest": "29"},\n'
                                                 '  "scripts": {"start": "node server.js"}\n}\n'}, "package.json")
    deps = {f.value: f for f in kinds(facts, "dependency")}
    assert deps["express"].get("major") == 4 and deps["express"].get("dev") is False
    assert deps["jest"].get("dev") is True
    assert [f.get("command") for f in kinds(facts, "script")] == ["node server.js"]
    assert [(f.value, f.get("major")) for f in kinds(facts, "framework")] == [("express", 4)]
    assert [f.value for f in kinds(facts, "shutdown_library")] == ["http-terminator"]


@pytest.mark.parametrize("header", [
    "const express = require('express');\nconst { Pool } = require('pg');\nconst users = require('./routes/users');\n",
    "import express from 'express';\nimport { Pool } from 'pg';\nimport users from './routes/users';\n",
])
def test_express_app_routes_mounts_listen_handlers(tmp_path, header):
    src = header + """
const app = express();
const pool = new Pool();
app.use(express.json());
app.use('/api/users', users);
app.get('/health', (req, res) => res.send('ok'));
app.route('/items').post((req, res) => res.end());
app.use((err, req, res, next) => res.status(500).end());
process.on('SIGTERM', () => {});
process.on('unhandledRejection', () => {});
app.listen(3000);
"""
    facts = facts_of(tmp_path, {"package.json": "{}", "server.js": src}, "server.js")
    assert [(f.value, f.get("name")) for f in kinds(facts, "app")] == [("express", "app")]
    assert {(f.value, f.get("method")) for f in kinds(facts, "route")} == {("/health", "GET"), ("/items", "POST")}
    mount = kinds(facts, "mount")[0]
    assert (mount.value, mount.get("target"), mount.get("module")) == ("/api/users", "users", "./routes/users")
    assert [f.value for f in kinds(facts, "middleware")] == ["express.json()"]
    assert any(f.get("object") == "app" for f in kinds(facts, "error_handler"))
    assert [(f.value, f.get("object"), f.get("bound")) for f in kinds(facts, "listen")] == [("express", "app", False)]
    assert {f.value for f in kinds(facts, "process_handler")} == {"SIGTERM", "unhandledRejection"}
    assert [f.value for f in kinds(facts, "signal_handler")] == ["SIGTERM"]
    assert [(f.value, f.get("name")) for f in kinds(facts, "client")] == [("pg", "pool")]


def test_signals_registered_in_a_loop(tmp_path):
    src = "for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => server.close());\n"
    facts = facts_of(tmp_path, {"package.json": "{}", "lifecycle.js": src}, "lifecycle.js")
    assert {f.value for f in kinds(facts, "signal_handler")} == {"SIGTERM", "SIGINT"}


def test_fastify_typescript_and_logger(tmp_path):
    src = """import Fastify from "fastify"
import pino from "pino"
import { createClient } from "redis"

const logger = pino()
const redis = createClient()
const app = Fastify({ loggerInstance: logger })
app.setErrorHandler((error, request, reply) => reply.send(error))
app.route({ method: "GET", url: "/ping", handler: async () => "pong" })
await app.listen({ port: 3000 })
"""
    facts = facts_of(tmp_path, {"package.json": "{}", "main.ts": src}, "main.ts")
    assert [f.value for f in kinds(facts, "app")] == ["fastify"]
    assert [f.value for f in kinds(facts, "route")] == ["/ping"]
    assert [f.value for f in kinds(facts, "error_handler")] == ["fastify"]
    assert [f.value for f in kinds(facts, "logger")] == ["logger"]
    assert [f.value for f in kinds(facts, "client")] == ["redis"]
    assert [f.value for f in kinds(facts, "listen")] == ["fastify"]


def test_nextjs_route_files(tmp_path):
    facts = facts_of(tmp_path, {"package.json": "{}", "src/app/api/(ops)/health/route.ts":
                                "export async function GET() { return Response.json({}) }\n"},
                     "src/app/api/(ops)/health/route.ts")
    assert [(f.value, f.get("method"), f.get("framework")) for f in kinds(facts, "route")] == \
        [("/api/health", "GET", "next")]


def test_flask_blueprints_handlers_and_run(tmp_path):
    src = """import logging
import signal
from flask import Flask, Blueprint
from sqlalchemy import create_engine

logger = logging.getLogger(__name__)
engine = create_engine("sqlite://")
app = Flask(__name__)
bp = Blueprint("ops", __name__, url_prefix="/ops")


@bp.get("/ping")
def ping():
    return "pong"


@app.errorhandler(500)
def oops(err):
    return {"error": "internal"}, 500


app.register_blueprint(bp, url_prefix="/v1")
signal.signal(signal.SIGTERM, lambda *a: None)

if __name__ == "__main__":
    app.run()
"""
    facts = facts_of(tmp_path, {"requirements.txt": "flask\n", "app.py": src}, "app.py")
    assert [(f.value, f.get("name")) for f in kinds(facts, "app")] == [("flask", "app")]
    assert [(f.value, f.get("prefix")) for f in kinds(facts, "router")] == [("flask", "/ops")]
    assert [(f.value, f.get("prefix")) for f in kinds(facts, "route")] == [("/ping", "/ops")]
    assert [(f.value, f.get("target")) for f in kinds(facts, "mount")] == [("/v1", "bp")]
    assert [f.get("handles") for f in kinds(facts, "error_handler")] == ["500"]
    assert [f.value for f in kinds(facts, "signal_handler")] == ["SIGTERM"]
    assert [f.value for f in kinds(facts, "listen")] == ["flask"]
    assert [f.value for f in kinds(facts, "logger")] == ["logger"]
    assert [(f.value, f.get("name")) for f in kinds(facts, "client")] == [("sqlalchemy", "engine")]


def test_fastapi_router_and_django_urls(tmp_path):
    facts = facts_of(tmp_path, {"requirements.txt": "fastapi\n", "main.py":
                                "from fastapi import FastAPI, APIRouter\n\napp = FastAPI()\nrouter = APIRouter()\n\n\n"
                                "@router.get('/healthz')\ndef h():\n    return {}\n\n\n"
                                "app.include_router(router, prefix='/api')\n"}, "main.py")
    assert [(f.value, f.get("framework")) for f in kinds(facts, "route")] == [("/healthz", "fastapi")]
    assert [f.value for f in kinds(facts, "mount")] == ["/api"]
    facts = facts_of(tmp_path / "dj", {"requirements.txt": "django\n", "site/urls.py":
                                       "from django.urls import path\nfrom . import views\n\n"
                                       "urlpatterns = [path('health/', views.health)]\n"}, "site/urls.py")
    assert [f.value for f in kinds(facts, "app")] == ["django"]
    assert [f.value for f in kinds(facts, "route")] == ["/health/"]


def test_test_files_contribute_no_code_facts(tmp_path):
    facts = facts_of(tmp_path, {"package.json": "{}", "tests/app.test.js":
                                "const express = require('express');\nconst app = express();\napp.listen(0);\n"},
                     "tests/app.test.js")
    assert not kinds(facts, "listen") and not kinds(facts, "app")


def test_destructured_express_router_is_a_router(tmp_path):
    src = "const { Router } = require('express');\nconst router = Router();\nrouter.get('/status', h);\n"
    facts = facts_of(tmp_path, {"package.json": "{}", "users.js": src}, "users.js")
    assert [(f.value, f.get("name")) for f in kinds(facts, "router")] == [("express", "router")]
    assert not kinds(facts, "app")


@pytest.mark.parametrize("name, text, server, script", [
    ("Dockerfile", 'FROM python:3.12 AS build\nCMD ["python", "build.py"]\nFROM python:3.12-slim\n'
                   'CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n', "gunicorn", ""),
    ("Dockerfile", "FROM python:3.12-slim\nCMD python -u app.py\n", "", "python -u app.py"),
    ("Procfile", "web: flask run --host 0.0.0.0\nrelease: python manage.py migrate\n", "", "flask run"),
    ("Procfile", "web: uwsgi --http :8000 --module app:app\n", "uwsgi", ""),
    ("docker-compose.yml", "services:\n  web:\n    command: [\"python\", \"-m\", \"uvicorn\", \"main:app\"]\n",
     "uvicorn", "python -m uvicorn"),
])
def test_deploy_files_say_how_python_runs(tmp_path, name, text, server, script):
    (fact,) = kinds(facts_of(tmp_path, {name: text}, name), "deploy_file")
    assert (fact.get("python_server"), fact.get("python_script")) == (server, script)


def test_dockerfile_entrypoint_and_cmd_join_and_carry_over_stages(tmp_path):
    text = ('FROM python:3.10-alpine AS builder\nENTRYPOINT ["python3"]\nCMD ["app.py"]\n\n'
            'FROM builder AS dev-envs\nRUN apk add git\n')
    (fact,) = kinds(facts_of(tmp_path, {"Dockerfile": text}, "Dockerfile"), "deploy_file")
    assert fact.get("commands") == ("python3 app.py",) and fact.get("python_script") == "python3 app.py"
