"""A seeded generator of a realistic web-app corpus (Express/Next.js/TypeScript/Flask/FastAPI
files of a few hundred lines each, with the occasional production failure), so scan benchmarks
are repeatable without committing anyone's code.

    python bench/corpus.py OUT_DIR [--files 5000] [--seed 7]
"""

from __future__ import annotations

import argparse
import os
import random

JS_BLOCKS = [
    """router.{method}("/{res}/:id", async (req, res, next) => {{
  try {{
    const item = await {Model}.findById(req.params.id);
    if (!item) {{
      return res.status(404).json({{ error: "{res} not found" }});
    }}
    res.json(item);
  }} catch (err) {{
    next(err);
  }}
}});
""",
    """async function {fn}(input, options = {{}}) {{
  const {{ limit = 20, offset = 0 }} = options;
  const rows = await db.query("SELECT * FROM {res} WHERE owner_id = $1 LIMIT $2 OFFSET $3", [input.ownerId, limit, offset]);
  return rows.map((row) => ({{ id: row.id, name: row.name, createdAt: new Date(row.created_at) }}));
}}
""",
    """export function {fn}(items) {{
  const totals = new Map();
  for (const item of items) {{
    const key = `${{item.category}}:${{item.region}}`;
    totals.set(key, (totals.get(key) || 0) + item.amount * (1 + (item.taxRate ?? 0.2)));
  }}
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
}}
""",
    """const {fn}Schema = {{
  type: "object",
  required: ["name", "email"],
  properties: {{
    name: {{ type: "string", minLength: 1, maxLength: 120 }},
    email: {{ type: "string", format: "email" }},
    role: {{ type: "string", enum: ["admin", "editor", "viewer"] }},
  }},
}};
""",
    """app.{method}("/api/{res}", async (req, res) => {{
  const page = Number(req.query.page || 1);
  const data = await {Model}.find({{ deleted: false }}).skip((page - 1) * 25).limit(25);
  console.log("listed {res}", data.length);
  res.json({{ page, data }});
}});
""",
    """const {fn}Client = axios.create({{ baseURL: "{url}", timeout: 5000 }});
""",
    """class {Model}Service {{
  constructor(repo, cache) {{
    this.repo = repo;
    this.cache = cache;
  }}

  async get(id) {{
    const cached = await this.cache.get(`{res}:${{id}}`);
    if (cached) return JSON.parse(cached);
    const value = await this.repo.findOne({{ where: {{ id }} }});
    await this.cache.set(`{res}:${{id}}`, JSON.stringify(value), "EX", 60);
    return value;
  }}
}}
""",
]

TS_BLOCKS = [
    """export interface {Model} {{
  id: string;
  name: string;
  tags: string[];
  createdAt: Date;
  owner?: {{ id: string; email: string }};
}}
""",
    """export async function {fn}(id: string): Promise<{Model} | null> {{
  const res = await fetch(`${{process.env.API_URL}}/{res}/${{id}}`, {{ headers: {{ Accept: "application/json" }} }});
  if (!res.ok) {{
    throw new Error(`failed to load {res} ${{id}}: ${{res.status}}`);
  }}
  return (await res.json()) as {Model};
}}
""",
    """export function {fn}<T extends {{ id: string }}>(list: T[], patch: Partial<T> & {{ id: string }}): T[] {{
  return list.map((item) => (item.id === patch.id ? {{ ...item, ...patch }} : item));
}}
""",
    """const {fn}Url: string = "{url}";
""",
]

PY_BLOCKS = [
    """@app.route("/{res}/<int:item_id>", methods=["GET"])
def {fn}(item_id):
    item = {Model}.query.get(item_id)
    if item is None:
        return jsonify({{"error": "{res} not found"}}), 404
    return jsonify(item.to_dict())
""",
    """def {fn}(rows, *, limit=20):
    \"\"\"Group rows by owner and keep the newest {res} of each.\"\"\"
    newest = {{}}
    for row in rows:
        current = newest.get(row["owner_id"])
        if current is None or row["created_at"] > current["created_at"]:
            newest[row["owner_id"]] = row
    return sorted(newest.values(), key=lambda r: r["created_at"], reverse=True)[:limit]
""",
    """class {Model}(db.Model):
    __tablename__ = "{res}"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(120), nullable=False)
    created_at = db.Column(db.DateTime, server_default=db.func.now())

    def to_dict(self):
        return {{"id": self.id, "name": self.name, "created_at": self.created_at.isoformat()}}
""",
    """@router.get("/{res}")
async def {fn}(skip: int = 0, limit: int = 50, session: AsyncSession = Depends(get_session)):
    result = await session.execute(select({Model}).offset(skip).limit(limit))
    return [row.to_dict() for row in result.scalars().all()]
""",
    """{FN}_URL = "{url}"
""",
]

RESOURCES = ["users", "orders", "products", "invoices", "carts", "sessions", "teams", "projects", "tasks",
             "comments", "payments", "reviews", "coupons", "shipments", "tickets", "webhooks"]
URLS = ["https://api.example.com/v1", "https://payments.example.com", "http://localhost:3000",
        "https://cdn.example.com/assets", "http://127.0.0.1:8000/api", "https://auth.example.com"]


def _fill(block: str, rng: random.Random) -> str:
    res = rng.choice(RESOURCES)
    fn = rng.choice(["load", "list", "sync", "build", "merge", "find", "score", "rank"]) + res.title() + str(rng.randint(1, 999))
    return block.format(method=rng.choice(["get", "post", "put", "delete"]), res=res, fn=fn, FN=fn.upper(),
                        Model=res[:-1].title() if res.endswith("s") else res.title(), url=rng.choice(URLS))


def _file(kind: str, rng: random.Random, target: int) -> str:
    if kind == "py":
        head = "import os\nfrom flask import Flask, jsonify\nfrom fastapi import APIRouter, Depends\n\nrouter = APIRouter()\n\n"
        blocks = PY_BLOCKS
        sep = "\n\n"
    else:
        head = ('import express from "express";\nimport axios from "axios";\nimport { db } from "../db";\n\n'
                "const router = express.Router();\nconst app = express();\n\n")
        blocks = JS_BLOCKS + (TS_BLOCKS if kind in ("ts", "tsx") else [])
        sep = "\n"
    parts = [head]
    size = len(head)
    while size < target:
        part = _fill(rng.choice(blocks), rng)
        parts.append(part)
        size += len(part) + len(sep)
    return sep.join(parts)


def generate(out: str, files: int = 5000, seed: int = 7, mean_size: int = 10_000) -> int:
    """Write the corpus; returns its size in bytes."""
    rng = random.Random(seed)
    total = 0
    kinds = ["js"] * 4 + ["ts"] * 3 + ["tsx"] + ["py"] * 3
    for i in range(files):
        kind = rng.choice(kinds)
        app = f"app{i // 500:02d}"
        sub = rng.choice(["src/routes", "src/services", "src/lib", "server", "api", "app"])
        path = os.path.join(out, app, sub, f"module_{i:05d}.{kind}")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        text = _file(kind, rng, int(rng.gauss(mean_size, mean_size / 4)) or mean_size)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        total += len(text.encode())
    for a in range(0, files, 500):
        with open(os.path.join(out, f"app{a // 500:02d}", "package.json"), "w") as fh:
            fh.write('{"name": "app%d", "dependencies": {"express": "^4.19.2"}}\n' % a)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    size = generate(args.out, args.files, args.seed)
    print(f"wrote {args.files} files, {size / 1e6:.1f} MB to {args.out}")


if __name__ == "__main__":
    main()
