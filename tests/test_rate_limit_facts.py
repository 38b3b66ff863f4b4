"""Rate-limit and paid-API facts (prodlint.facts.limits): the byte searches that skip most files
must never skip a file that holds one of the facts."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from prodlint.engine import project_root_for
from prodlint.project import lint_file


def facts_of(tmp_path: Path, name: str, text: str) -> list:
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "requirements.txt").write_text("flask\n")
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return list(lint_file(str(path), project_root_for(str(path)), with_findings=False).facts)


def of_kind(facts, kind: str) -> list:
    return [f for f in facts if f.kind == kind]


def test_route_handler_refs_behind_comments_and_wrappers(tmp_path):
    src = """const express = require("express");
const chat = require("./controllers/chat");
const { generate } = require("./controllers/images");
const router = express.Router();
router.post(/* the path */ "/chat", chat.create);
router.get(
  // listing
  `/images`, asyncHandler(generate));
router.put(someVariable, chat.update);
cache.get("key");
module.exports = router;
"""
    refs = of_kind(facts_of(tmp_path, "routes.js", src), "route_handler_ref")
    assert [(f.value, f.get("module")) for f in refs] == [("create", "./controllers/chat"),
                                                         ("generate", "./controllers/images")]


def test_module_calls_only_of_local_imports(tmp_path):
    src = """import { summarize } from "./services/ai";
import * as db from "@/lib/db";
import axios from "axios";
export async function handler(req) {
  const dbx = () => 1;
  dbx();
  await axios.get("/x");
  await db.users.find();
  return summarize(req.body);
}
"""
    calls = of_kind(facts_of(tmp_path, "api.ts", src), "module_call")
    assert [(f.value, f.get("module"), f.get("object"), f.get("function")) for f in calls] == [
        ("find", "@/lib/db", "db", "handler"), ("summarize", "./services/ai", "", "handler")]


def test_limits_checked_by_hand(tmp_path):
    src = """async function send(req, res) {
  if (count > maxPerDay) {
    return res.status(429).json({ error: "Too Many Requests" });
  }
  try { await call(); } catch (err) {
    if (err.status === 429) { return retry(); }
  }
}
"""
    limits = of_kind(facts_of(tmp_path, "send.js", src), "rate_limit")
    assert [(f.get("scope"), f.get("function"), f.span.start_point[0]) for f in limits] == [("handler", "send", 1)]


def test_no_limiter_words_no_rate_limit_facts(tmp_path):
    src = """const express = require("express");
const app = express();
app.use(express.json());
app.post("/orders", (req, res) => res.status(201).end());
app.listen(3000);
"""
    assert of_kind(facts_of(tmp_path, "server.js", src), "rate_limit") == []


def test_limiter_applied_app_wide_and_per_route(tmp_path):
    src = """import express from "express";
import rateLimit from "express-rate-limit";
const app = express();
const api = rateLimit({ windowMs: 60000, max: 100 });
app.use("/api/*", api);
app.post("/login", strictLimiter, (req, res) => res.end());
"""
    limits = of_kind(facts_of(tmp_path, "server.mjs", src), "rate_limit")
    assert [(f.get("scope"), f.get("prefix"), f.value) for f in limits] == [
        ("app", "/api", "express-rate-limit"), ("route", "/login", "express-rate-limit")]


def test_class_methods_are_named_with_their_class(tmp_path):
    src = """import OpenAI from "openai";
const openai = new OpenAI();
export class Chat {
  async create(prompt) {
    const reply = await openai.chat.completions.create({ model: "gpt-4o", messages: [prompt] });
    return reply;
  }
}
const ask = async (prompt) => openai.responses.create({ model: "gpt-4o", input: prompt });
export async function answer(req) { return ask(req.body); }
"""
    calls = of_kind(facts_of(tmp_path, "chat.js", src), "paid_api_call")
    assert [(f.value, f.get("function")) for f in calls] == [
        ("OpenAI", "Chat.create"), ("OpenAI", "ask"), ("OpenAI", "answer")]


def test_python_limiter_decorators_also_in_a_file_with_syntax_errors(tmp_path):
    src = """from flask import Flask
from flask_limiter import Limiter
app = Flask(__name__)
limiter = Limiter(app, default_limits=["100 per hour"])

@app.post("/login")
@limiter.limit("5 per minute")
def login():
    return "ok"

def broken(:
    pass
"""
    limits = of_kind(facts_of(tmp_path, "app.py", src), "rate_limit")
    assert [(f.get("scope"), f.get("function")) for f in limits] == [("app", ""), ("route", "login")]


def test_a_limiter_word_written_with_a_letter_that_folds_to_ascii(tmp_path):
    # `LIMITER_NAME` is case-insensitive over text: the dotless ı matches i, which a search of
    # the lowercased bytes alone would not see
    src = """from flask import Flask
app = Flask(__name__)

@app.post("/send")
@lımiter.limit("5 per minute")
def send():
    return "ok"
"""
    limits = of_kind(facts_of(tmp_path, "app.py", src), "rate_limit")
    assert [(f.get("scope"), f.get("function")) for f in limits] == [("route", "send")]


# ------------------------------------------------------------------ paid functions: the fixpoint

def _paid_by_brute_force(project) -> dict:
    """The paid functions as first defined: every round asks every call again, and a call's file
    is looked up among all paid functions found so far."""
    from prodlint_rules._rate_limits import name_matches, resolve_module

    out: dict = {}
    for f in project.facts("paid_api_call"):
        if f.get("function"):
            out.setdefault((f.path, f.get("function")), f.value)
    calls = [f for f in project.facts("module_call") if f.get("function")]
    for _ in range(4):
        grew = False
        for call in calls:
            key = (call.path, call.get("function"))
            if key in out:
                continue
            path = resolve_module(project, call.path, call.get("module") or "")
            provider = None
            if path is not None:
                obj = call.get("object") or ""
                if obj:
                    provider = next((f.value for f in project.facts("paid_client")
                                     if f.path == path and f.get("name") in (obj, "default")), None)
                if not provider:
                    provider = next((p for (file, function), p in out.items()
                                     if file == path and name_matches(call.value, function)), None)
            if provider:
                out[key] = provider
                grew = True
        if not grew:
            break
    return out


_FILES = [f"/p/m{i}.js" for i in range(6)]
_NAMES = ["ask", "run", "Chat.send", "send", "go"]


@given(st.lists(st.tuples(st.sampled_from(_FILES), st.sampled_from(_NAMES), st.sampled_from(["OpenAI", "Stripe"])),
                max_size=3),
       st.lists(st.tuples(st.sampled_from(_FILES), st.sampled_from(["client", "openai"]), st.sampled_from(["OpenAI"])),
                max_size=2),
       st.lists(st.tuples(st.sampled_from(_FILES), st.sampled_from(_NAMES), st.sampled_from(_FILES),
                          st.sampled_from(_NAMES), st.sampled_from(["", "client", "openai"])), max_size=25))
@settings(max_examples=300, deadline=None)
def test_paid_functions_are_what_asking_every_call_every_round_finds(direct, clients, calls):
    """`RateModel.paid_functions` asks a call again only when the file it resolves to has gained
    a paid function, and looks among that file's only: the same answer, in the same order, as
    asking every call every round among all of them (call chains up to the round limit)."""
    from prodlint.api import ProjectContext, fact
    from prodlint_rules._rate_limits import RateModel

    facts = [fact("paid_api_call", path, None, provider, function=name) for path, name, provider in direct]
    facts += [fact("paid_client", path, None, provider, name=name) for path, name, provider in clients]
    facts += [fact("module_call", path, None, callee.rpartition(".")[2], function=function,
                   module="./" + target.rsplit("/", 1)[1][:-3], object=obj)
              for path, function, target, callee, obj in calls]
    by_kind: dict = {}
    for f in facts:
        by_kind.setdefault(f.kind, []).append(f)
    project = ProjectContext("/p", by_kind, frozenset(_FILES))
    found = RateModel(project).paid_functions
    expected = _paid_by_brute_force(ProjectContext("/p", by_kind, frozenset(_FILES)))
    assert list(found.items()) == list(expected.items())
