"""Files of thousands of openings that never close, where a fact extractor looks for a key after
them (`Fastify({ … logger … })`, `uvicorn.run(… access_log=False)`, `datasource db { … provider
… }` in a Prisma schema), or of logging calls on one line that never mention the request: each
is read once, so the project is checked in about the time of its parse. The single regexes these
searches replaced read the rest of the block or line again from each opening: 8 to 33 s for
180 KB; at the size below they would outlast the timeout by far."""

from __future__ import annotations

import subprocess
import sys

SIZE = 600_000


def test_unclosed_blocks_cost_their_length(tmp_path):
    (tmp_path / "package.json").write_text('{"name": "x", "dependencies": {"fastify": "4", "@prisma/client": "5"}}')
    opening = "const app = Fastify({\n"
    (tmp_path / "server.js").write_text('const Fastify = require("fastify");\n' + opening * (SIZE // len(opening)))
    (tmp_path / "logged.js").write_text("app.use((req, res, next) => { next(); });\n// req.method "
                                        + "console.log(" * (SIZE // 12) + "\n")
    (tmp_path / "main.py").write_text("import uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\n"
                                      "@app.middleware('http')\nasync def m(request, call_next):\n"
                                      "    return await call_next(request)  # request.path\n"
                                      "# access_log\n" + "log(" * (SIZE // 8) + "\n" + "uvicorn.run(app,\n" * (SIZE // 34))
    (tmp_path / "prisma").mkdir()
    (tmp_path / "prisma" / "schema.prisma").write_text("model User {\n  id Int @id\n}\n"
                                                       + "datasource db {\n" * (SIZE // 16))
    proc = subprocess.run([sys.executable, "-m", "prodlint", "check", "--no-cache", "--format", "json", "."],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr and "failed on" not in proc.stderr, proc.stderr


def test_long_runs_in_configs_cost_their_length(tmp_path):
    """Runs that a pattern used to read again from each of their bytes: blank lines in a Prisma
    schema, a gunicorn config and a SQLAlchemy module (`^\\s*` took the blank lines after each),
    package-manager words with no `install` and a long word with no `=` in a Dockerfile, blanks
    before no comment in a compose file, and a long name with no `is None` in a condition."""
    (tmp_path / "package.json").write_text('{"name": "x", "dependencies": {"@prisma/client": "5"}}')
    (tmp_path / "schema.prisma").write_text("\n" * SIZE + "model User {\n  id Int @id\n}\n")
    (tmp_path / "gunicorn.conf.py").write_text("\n" * SIZE + "accesslog = '-'\n")
    (tmp_path / "models.py").write_text("from sqlalchemy.orm import declarative_base\nBase = declarative_base()\n"
                                        + "\n" * SIZE + "class User(Base):\n    __tablename__ = 'users'\n")
    (tmp_path / "Dockerfile").write_text("FROM python:3.12\nRUN " + "yum " * (SIZE // 8) + "\nENV " + "a" * SIZE
                                         + " SECRET_KEY=x\nEXPOSE 8000\nCMD [\"gunicorn\", \"app:app\"]\n")
    (tmp_path / "docker-compose.yml").write_text("services:\n  web:\n    image: x\n    environment:\n"
                                                 "      - API_URL=http://localhost:3000" + " " * SIZE + "x # c\n")
    (tmp_path / "views.py").write_text("import psycopg2\n\ndef handler(request):\n    if not " + "x." * (SIZE // 4)
                                    + "y:\n        conn = psycopg2.connect('postgresql://h/db')\n")
    proc = subprocess.run([sys.executable, "-m", "prodlint", "check", "--no-cache", "--format", "json", "."],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr and "failed on" not in proc.stderr, proc.stderr


def test_token_like_runs_cost_their_length(tmp_path):
    """Runs of base64url bytes that start a JSON Web Token's shape again and again and never
    finish it (`eyJeyJ…`, in a JSON file, a string and a comment): SEC001's byte prefilters read
    the rest of the run again from each `eyJ` (0.3 s for 20 KB, growing with the square)."""
    run = "eyJ" * (SIZE // 3)
    (tmp_path / "package.json").write_text('{"name": "x"}')
    (tmp_path / "tokens.json").write_text('{"data": "' + run + '", "next": ".eyJ' + "a" * 8 + '"}')
    (tmp_path / "client.js").write_text(f'const blob = "{run}";\n// {run}\nconst apiToken = "{run}.eyJx";\n')
    proc = subprocess.run([sys.executable, "-m", "prodlint", "check", "--no-cache", "--format", "json", "."],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr and "failed on" not in proc.stderr, proc.stderr
