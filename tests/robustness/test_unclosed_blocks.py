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
