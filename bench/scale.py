"""How prodlint's cost grows with the size of what it reads: linear, or worse.

    python bench/scale.py [--quick] [--out bench/out/scale.json]

A linter whose cost grows with the square of a file or a project is fine on its examples and
unusable on the one app with 4,000 handlers in a file, or 1,600 routers that all name their router
`router`. Each case here is linted at two sizes, the second four times the first, in this process
(`prodlint.project.run`, one job, no cache), and reported with its growth: about 4 is linear, 16
is quadratic. Cases:

- every code file of every rule's examples, repeated 32 and 128 times in one file (with the
  manifests of its example project beside it): each rule's findings, fixes and facts at scale;
- generated files of one shape (strings, joined constants, routes, handlers with DB clients,
  imports, env reads, console calls, …) at two sizes;
- generated projects (nested routers across modules for Express, FastAPI, Next.js API routes;
  Flask blueprints and Django includes; a monorepo of packages) at two sizes.

Numbers go to bench/out/scale.json and a readable summary, worst growth first, to
bench/out/scale.txt. A growth above 8 names a case worth a profile (`py-spy record`). The times
are CPU seconds of a noisy machine: read growths of cases that take a tenth of a second or more.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "server"), str(HERE.parent / "rules")]

from prodlint.languages import language_for  # noqa: E402
from prodlint.project import Overrides, run  # noqa: E402

CODE = ("javascript", "typescript", "tsx", "python")
MANIFESTS = ("package.json", "requirements.txt", "pyproject.toml")

#: single-file shapes: n -> (file name, text)
FILE_SHAPES: dict[str, Callable[[int], str]] = {
    "strings.js": lambda n: "".join(f'const s{i} = "value number {i} abcdefghijklmnop";\n' for i in range(n)),
    "joined.js": lambda n: "".join(f'const a{i} = "part{i}" + b{i} + "x";\nconst b{i} = a{max(i - 1, 0)} + "y";\n'
                                   for i in range(n)),
    "joined.py": lambda n: "".join(f'A{i} = "p{i}" + B{i} + "x"\nB{i} = A{max(i - 1, 0)} + "y"\n' for i in range(n)),
    "templates.js": lambda n: "".join(f'const t{i} = `x${{k{i % 50}}}y${{a}}`;\nconst k{i} = "k";\n' for i in range(n)),
    "routes.js": lambda n: "const express = require('express');\nconst app = express();\n" + "".join(
        f"app.get('/r{i}', async (req, res) => {{ try {{ const x = await fetch('http://a/{i}'); "
        f"res.json(JSON.parse(x)); }} catch (e) {{}} }});\n" for i in range(n)),
    "db_handlers.js": lambda n: "const { Pool } = require('pg');\nconst express = require('express');\n"
                                "const app = express();\n" + "".join(
        f"app.get('/q{i}', async (req, res) => {{ const pool = new Pool(); const r = await pool.query('select {i}'); "
        f"res.json(r.rows); }});\n" for i in range(n)),
    "calls.ts": lambda n: "import * as m from './m';\nimport { a, b } from './lib';\n" + "".join(
        f"export async function f{i}() {{ await m.g{i}(); a.b{i}(); console.log('{i}'); return b(); }}\n"
        for i in range(n)),
    "imports.ts": lambda n: "".join(f"import {{ a{i}, b{i} as c{i} }} from './mod{i}';\n" for i in range(n)),
    "env_fallbacks.js": lambda n: "".join(f"const E{i} = process.env.SECRET_KEY_{i} || 'fallback-{i}';\n"
                                          for i in range(n)),
    "flask_routes.py": lambda n: "from flask import Flask\nimport os, requests\napp = Flask(__name__)\n" + "".join(
        f"@app.route('/r{i}', methods=['POST'])\ndef r{i}():\n    try:\n        requests.get('http://x/{i}')\n"
        f"    except Exception:\n        pass\n    print(os.getenv('K{i}', 'v'))\n    return 'ok'\n" for i in range(n)),
    "env_reads.py": lambda n: "import os\n" + "".join(
        f"V{i} = os.environ.get('VAR_{i}', 'default{i}')\nW{i} = os.getenv('SECRET_TOKEN_{i}')\n" for i in range(n)),
}


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def nested_routers(n: int) -> dict[str, str]:
    """Express routers, FastAPI routers and Next.js API routes, each module mounting the next."""
    files = {"package.json": '{"dependencies": {"next": "14.0.0", "express": "4.19.2", "openai": "4.0.0"}}',
             "requirements.txt": "fastapi\n",
             "server/app.js": "const express = require('express');\nconst app = express();\n"
                              "app.use('/api', require('./routes/r0'));\napp.listen(3000);\n",
             "py/app/main.py": "from fastapi import FastAPI\nfrom app.routes import m0\napp = FastAPI()\n"
                               "app.include_router(m0.router, prefix='/api')\n"}
    for i in range(n):
        j = (i + 1) % n
        files[f"server/routes/r{i}.js"] = (
            f"const express = require('express');\nconst router = express.Router();\nrouter.use('/s{i}', require('./r{j}'));\n"
            f"router.post('/login', (req, res) => res.end());\nmodule.exports = router;\n")
        files[f"py/app/routes/m{i}.py"] = (
            f"from fastapi import APIRouter\nfrom app.routes import m{j}\nrouter = APIRouter()\n"
            f"router.include_router(m{j}.router, prefix='/m{i}')\n@router.post('/login')\ndef login_{i}():\n    return {{}}\n")
        files[f"pages/api/r{i}.ts"] = (
            f"import {{ run{i % 50} }} from '../../lib/m{i % 50}';\nexport default async function handler(req, res) {{\n"
            f"  res.json(await run{i % 50}(req.body));\n}}\n")
        files[f"lib/m{i}.ts"] = f"import {{ run{j} }} from './m{j}';\nexport async function run{i}(x) {{ return run{j}(x); }}\n"
    return files


def blueprints_and_includes(n: int) -> dict[str, str]:
    files = {"requirements.txt": "flask\ndjango\n",
             "web/app.py": "from flask import Flask\n" + "".join(f"from web.bp{i} import bp as bp{i}\n" for i in range(n))
             + "app = Flask(__name__)\n" + "".join(f"app.register_blueprint(bp{i}, url_prefix='/b{i}')\n" for i in range(n))}
    for i in range(n):
        files[f"web/bp{i}.py"] = (f"from flask import Blueprint\nbp = Blueprint('b{i}', __name__)\n"
                                  f"@bp.route('/login', methods=['POST'])\ndef login():\n    return 'ok'\n")
        files[f"site{i}/urls.py"] = (f"from django.urls import include, path\n"
                                     f"urlpatterns = [path('a{i}/', include('site{(i + 1) % n}.urls'))]\n")
    return files


def monorepo(n: int) -> dict[str, str]:
    files = {"package.json": '{"private": true, "workspaces": ["packages/*"]}', ".gitignore": "node_modules\n.env\n"}
    for i in range(n):
        p = f"packages/p{i}"
        files[f"{p}/package.json"] = (f'{{"name": "p{i}", "scripts": {{"start": "node src/index.js"}}, '
                                      f'"dependencies": {{"express": "4", "pg": "8"}}}}')
        files[f"{p}/.gitignore"] = "dist\n"
        files[f"{p}/Dockerfile"] = "FROM node:20\nCOPY . .\nCMD npm start\n"
        files[f"{p}/src/index.js"] = ("const express = require('express');\nconst app = express();\n"
                                      "app.get('/x', (req, res) => { console.log(process.env.DATABASE_URL); res.end(); });\n"
                                      "app.listen(process.env.PORT || 3000);\n")
        files[f"{p}/src/lib/a/b/m.ts"] = "export const v = process.env.V ?? 'x';\n"
    return files


PROJECT_SHAPES = {"nested-routers": nested_routers, "blueprints-and-includes": blueprints_and_includes,
                  "monorepo": monorepo}


def timed(root: Path) -> float:
    start = time.process_time()
    run([str(root)], Overrides(), jobs=1)
    return time.process_time() - start


def example_cases() -> list[tuple[str, Callable[[Path, int], None]]]:
    """Each code file of each rule's examples, repeated, beside its example project's manifests."""
    cases = []
    rules = HERE.parent / "rules" / "prodlint_rules"
    for examples in sorted(rules.glob("*.examples")):
        for path in sorted(p for p in examples.rglob("*") if p.is_file() and language_for(str(p)) in CODE):
            source = path.read_bytes()
            if len(source) < 80:
                continue

            def build(root: Path, k: int, path: Path = path, source: bytes = source, examples: Path = examples) -> None:
                folder = path.parent
                while True:  # the manifests of the example's project, nearest first
                    for name in MANIFESTS:
                        if (folder / name).is_file() and not (root / name).exists():
                            shutil.copyfile(folder / name, root / name)
                    if folder == examples:
                        break
                    folder = folder.parent
                target = root / path.relative_to(examples)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(b"\n".join([source] * k))

            cases.append((f"{path.relative_to(rules)} x{{k}}", build))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a quarter), for a first look")
    parser.add_argument("--out", default=str(HERE / "out" / "scale.json"))
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # bad input is the point of some cases; their log lines are not
    scale = 4 if args.quick else 1
    plans: list[tuple[str, tuple[int, int], Callable[[Path, int], None]]] = []
    for name, build in example_cases():
        plans.append((name, (32 // scale, 128 // scale), build))
    for name, make in FILE_SHAPES.items():
        plans.append((f"{name} n={{k}}", (2000 // scale, 8000 // scale),
                      lambda root, k, name=name, make=make: _write(
                          root, {"package.json": '{"dependencies": {"express": "4"}}', name: make(k)})))
    for name, make in PROJECT_SHAPES.items():
        plans.append((f"{name} n={{k}}", (100 // scale, 400 // scale),
                      lambda root, k, make=make: _write(root, make(k))))
    rows = []
    for label, (small, large), build in plans:
        seconds = []
        for k in (small, large):
            with tempfile.TemporaryDirectory() as tmp:
                build(Path(tmp), k)
                seconds.append(timed(Path(tmp)))
        rows.append({"case": label.format(k=f"{small}->{large}"), "small_s": round(seconds[0], 3),
                     "large_s": round(seconds[1], 3), "growth": round(seconds[1] / max(seconds[0], 1e-3), 1)})
        print(f"{rows[-1]['growth']:6.1f}  {rows[-1]['small_s']:7.3f} -> {rows[-1]['large_s']:7.3f} s  {rows[-1]['case']}",
              file=sys.stderr, flush=True)
    rows.sort(key=lambda r: -r["growth"])
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as fh:
        json.dump({"cpus": os.cpu_count(), "cases": rows}, fh, indent=2)
    text = "growth  CPU s (size x1 -> x4)  case\n" + "".join(
        f"{r['growth']:6.1f}  {r['small_s']:7.3f} -> {r['large_s']:7.3f}  {r['case']}\n" for r in rows)
    with open(os.path.splitext(args.out)[0] + ".txt", "w") as fh:
        fh.write(text)
    print("".join(text.splitlines(keepends=True)[:21]), end="")


if __name__ == "__main__":
    main()
