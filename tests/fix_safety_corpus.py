"""A seeded generator of small web-app projects that carry the failures prodlint fixes, written in
the styles real projects use (quotes, semicolons, indentation, CommonJS or ESM, CRLF, a shebang or
a docstring before `from __future__`), so tests/test_fix_safety.py can check that every fix still
builds on code nobody wrote for a rule's examples.

    python tests/fix_safety_corpus.py OUT_DIR [--apps 24] [--seed 11]
"""

from __future__ import annotations

import argparse
import json
import os
import random
from dataclasses import dataclass

SECRET_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class JsStyle:
    quote: str
    semi: str
    indent: str
    esm: bool
    typescript: bool

    def line(self, text: str) -> str:
        return text.replace("'", self.quote) + self.semi


def _token(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SECRET_ALPHABET) for _ in range(n))


def _js_server(style: JsStyle, rng: random.Random, port: int) -> str:
    i, s, q = style.indent, style.semi, style.quote
    secret_name = rng.choice(["JWT_SECRET", "SESSION_SECRET", "API_KEY"])
    out: list[str] = []
    if style.esm:
        out += [style.line("import express from 'express'"), style.line("import jwt from 'jsonwebtoken'")]
    else:
        out += [style.line("const express = require('express')"), style.line("const jwt = require('jsonwebtoken')")]
    out.append("")
    if style.typescript:
        out.append(f"const {secret_name}: string = process.env.{secret_name} || {q}{_token(rng, 24)}{q}{s}")
    else:
        out.append(f"const {secret_name} = process.env.{secret_name} || {q}{_token(rng, 24)}{q}{s}")
    api_fallback = rng.choice([
        f"process.env.API_URL || {q}http://localhost:{port + 1}{q}",
        f"process.env.API_URL ?? process.env.BACKEND_URL ?? {q}http://127.0.0.1:{port + 1}/api{q}",
    ])
    out.append(f"const apiUrl = {api_fallback}{s}")
    out.append(f"const stripeKey = {q}sk_live_{_token(rng, 24)}{q}{s}")
    out.append(f"const dbUrl = {q}postgres://app:{_token(rng, 6)}@localhost:5432/app{q}{s}")
    out.append(f"const app = express(){s}")
    out.append(f"app.use(express.json()){s}")
    out.append("")
    out.append(f"app.post({q}/login{q}, async (req, res) => {{")
    out.append(f"{i}const prefs = JSON.parse(req.body.prefs){s}")
    out.append(f"{i}const user = await findUser(req.body.email){s}")
    out.append(f"{i}const token = jwt.sign({{ id: user.id, prefs }}, {secret_name}){s}")
    out.append(f"{i}res.json({{ token }}){s}")
    out.append(f"}}){s}")
    out.append("")
    out.append(f"app.get({q}/items{q}, async (req, res) => {{")
    out.append(f"{i}try {{")
    out.append(f"{i}{i}const r = await fetch(apiUrl + {q}/items{q}){s}")
    out.append(f"{i}{i}res.json(await r.json()){s}")
    out.append(f"{i}}} catch (e) {{")
    out.append(f"{i}}}")
    out.append(f"}}){s}")
    out.append("")
    finder = "async function findUser(email: string) {" if style.typescript else "async function findUser(email) {"
    out.append(finder)
    out.append(f"{i}return {{ id: email, url: dbUrl, key: stripeKey }}{s}")
    out.append("}")
    out.append("")
    out.append(f"app.listen(process.env.PORT || {port}, () => {{")
    out.append(f"{i}console.log({q}listening{q}){s}")
    out.append(f"}}){s}")
    return "\n".join(out) + "\n"


def _py_head(rng: random.Random) -> list[str]:
    head: list[str] = []
    if rng.random() < 0.4:
        head.append("#!/usr/bin/env python3")
    if rng.random() < 0.4:
        head.append("# -*- coding: utf-8 -*-")
    if rng.random() < 0.6:
        head.append('"""The web app: routes and settings."""')
    if rng.random() < 0.6:
        head += ["", "from __future__ import annotations"]
    return head


def _py_flask(rng: random.Random, port: int) -> str:
    out = _py_head(rng)
    if rng.random() < 0.5:
        out += ["", "import json"]
    out += ["from flask import Flask, jsonify, request", "", "app = Flask(__name__)"]
    env = rng.choice(['os.getenv("SECRET_KEY", "{v}")', 'os.environ.get("SECRET_KEY", "{v}")'])
    if "os." in env:
        out.insert(len(out) - 3, "import os")
    out.append("app.config['SECRET_KEY'] = " + env.format(v=_token(rng, 20)))
    out.append('REDIS_URL = os.getenv("REDIS_URL", "redis://localhost:6379/0")')
    out.append(f'SENDGRID_API_KEY = "SG.{_token(rng, 22)}.{_token(rng, 43)}"')
    out += ["", "", '@app.route("/items", methods=["POST"])', "def create_item():",
            "    try:", "        payload = request.get_json()", "    except Exception:", "        pass",
            '    return jsonify({"ok": True})', "", "",
            'if __name__ == "__main__":', f'    app.run(host="0.0.0.0", port={port}, debug=True)']
    return "\n".join(out) + "\n"


def _py_fastapi(rng: random.Random) -> str:
    out = _py_head(rng)
    out += ["", "import os", "", "from fastapi import FastAPI", "", "app = FastAPI()",
            f'OPENAI_API_KEY = os.getenv("OPENAI_API_KEY", "sk-proj-{_token(rng, 40)}")',
            "", "", '@app.get("/items")', "async def items():", "    try:", "        return load()",
            "    except:", "        pass", "", "", "def load():", '    return {"key": OPENAI_API_KEY}']
    return "\n".join(out) + "\n"


def _dockerfile(rng: random.Random, python: bool, port: int, entry: str) -> str:
    if python:
        base = rng.choice(["python:3.12-slim", "python:3.11-alpine", "python:3.12"])
        cmd = rng.choice([f"CMD python {entry}", f'CMD ["python", "{entry}"]',
                          f"CMD gunicorn -b 0.0.0.0:{port} app:app", f"CMD flask run --host=0.0.0.0 --port={port}"])
        lines = [f"FROM {base}", "WORKDIR /app", "COPY requirements.txt .", "RUN pip install -r requirements.txt",
                 "COPY . .", f"EXPOSE {port}" if rng.random() < 0.7 else "", cmd]
    else:
        base = rng.choice(["node:20-alpine", "node:20-slim", "node:20"])
        cmd = rng.choice(['CMD ["npm", "start"]', f"CMD node {entry}", "CMD npm run start"])
        lines = [f"FROM {base}", "WORKDIR /app", "COPY package*.json ./", "RUN npm ci --omit=dev", "COPY . .",
                 f"ENV PORT={port}" if rng.random() < 0.5 else "", f"EXPOSE {port}", cmd]
    return "\n".join(line for line in lines if line) + "\n"


def _env_example(rng: random.Random, keys: list[str]) -> str:
    out = ["# Copy to .env"]
    for key in keys:
        form = rng.choice(["{k}=", '{k}=""', "export {k}=", "{k}= # required", "# {k}=optional-value"])
        out.append(form.format(k=key))
    return "\n".join(out) + "\n"


def _node_app(root: str, rng: random.Random, n: int) -> None:
    style = JsStyle(quote=rng.choice(["'", '"']), semi=rng.choice([";", ""]), indent=rng.choice(["  ", "    "]),
                    esm=rng.random() < 0.5, typescript=rng.random() < 0.35)
    port = rng.choice([3000, 4000, 8080, 5050])
    ext = "ts" if style.typescript else ("mjs" if style.esm and rng.random() < 0.3 else "js")
    entry = f"server.{ext}" if rng.random() < 0.5 else f"src/index.{ext}"
    package = {"name": f"app-{n}", "version": "1.0.0", "scripts": {"start": f"node {entry}"},
               "dependencies": {"express": "^4.19.2", "jsonwebtoken": "^9.0.2"}}
    if style.esm and ext == "js":
        package["type"] = "module"
    files = {entry: _js_server(style, rng, port), "package.json": json.dumps(package, indent=2) + "\n",
             "Dockerfile": _dockerfile(rng, False, port, entry)}
    if rng.random() < 0.6:
        files[".env.example"] = _env_example(rng, rng.sample(["JWT_SECRET", "API_URL", "PORT", "API_KEY"], 2))
    if style.typescript:
        files["tsconfig.json"] = '{\n  "compilerOptions": { "strict": true, "module": "commonjs" }\n}\n'
    files.update(_platform(rng, port, entry))
    _write(root, files, crlf=rng.random() < 0.15)


def _platform(rng: random.Random, port: int, entry: str) -> dict[str, str]:
    """Where the app is deployed: nothing more, fly.toml, a Kubernetes Deployment, render.yaml,
    or a compose file whose command goes through a shell."""
    choice = rng.choice(["none", "fly", "k8s", "render", "compose"])
    if choice == "fly":
        return {"fly.toml": f'app = "shop"\n\n[http_service]\n  internal_port = {port}\n  force_https = true\n'}
    if choice == "k8s":
        return {"k8s/deployment.yaml": (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n"
            f"      containers:\n      - name: api\n        image: shop/api:1\n        ports:\n"
            f"        - containerPort: {port}\n        env:\n        - name: NODE_ENV\n          value: production\n")}
    if choice == "render":
        return {"render.yaml": f"services:\n  - type: web\n    name: api\n    startCommand: node {entry}\n"}
    if choice == "compose":
        return {"docker-compose.yml": (
            f"services:\n  api:\n    build: .\n    command: sh -c \"node {entry}\"\n    environment:\n"
            f"      JWT_SECRET: {_token(rng, 20)}\n      DATABASE_URL: postgres://app:{_token(rng, 8)}@db:5432/app\n")}
    return {}


def _python_app(root: str, rng: random.Random) -> None:
    port = rng.choice([5000, 8000, 8080])
    flask = rng.random() < 0.6
    entry = "app.py" if flask else "main.py"
    files = {entry: _py_flask(rng, port) if flask else _py_fastapi(rng),
             "requirements.txt": "flask==3.0.3\n" if flask else "fastapi==0.111.0\nuvicorn==0.30.1\n",
             "Dockerfile": _dockerfile(rng, True, port, entry)}
    if rng.random() < 0.5:
        files["Procfile"] = f"web: python {entry}\n"
    if rng.random() < 0.6:
        files[".env.example"] = _env_example(rng, rng.sample(["SECRET_KEY", "REDIS_URL", "OPENAI_API_KEY"], 2))
    _write(root, files, crlf=rng.random() < 0.1)


def _write(root: str, files: dict[str, str], crlf: bool) -> None:
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if crlf and rel != "package.json":
            text = text.replace("\n", "\r\n")
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)


def generate(out: str, apps: int = 24, seed: int = 11) -> list[str]:
    """Write `apps` projects under `out`; returns their folders."""
    rng = random.Random(seed)
    roots = []
    for n in range(apps):
        root = os.path.join(out, f"app{n:02d}")
        if n % 2 == 0:
            _node_app(root, rng, n)
        else:
            _python_app(root, rng)
        roots.append(root)
    return roots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--apps", type=int, default=24)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    print("\n".join(generate(args.out, args.apps, args.seed)))


if __name__ == "__main__":
    main()
