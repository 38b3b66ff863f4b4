"""`prodlint report`: the readiness report of a project, one self-contained HTML page (no script,
no font, no image fetched from anywhere) or Markdown for a pull-request comment.

It holds the eight failures as a scorecard (pass, findings, not applicable with the reason, or
not checked when no rule covers it yet), each finding with its code frame (secrets redacted) and
its fixes, and the checks no linter can make (restores tested, alerts wired, …) listed as work
for a person.
"""

from __future__ import annotations

import html
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from prodlint import __version__
from prodlint.api import Applicability, Fact
from prodlint.output import Located, frame_of, locate_all, rule_url, secrets_of
from prodlint.rules_readme import CATEGORIES

EIGHT = ("1", "2", "3", "4", "5", "6", "7", "8")
SERVER_FACTS = ("listen", "app", "route", "router")
DB_NAMES = frozenset({
    "pg", "mysql", "mysql2", "sequelize", "typeorm", "prisma", "@prisma/client", "mongoose", "mongodb", "knex",
    "drizzle-orm", "sqlalchemy", "flask_sqlalchemy", "flask-sqlalchemy", "django", "alembic", "psycopg",
    "psycopg2", "asyncpg", "peewee", "tortoise", "sqlmodel", "pymongo", "motor",
})
HUMAN_CHECKLIST = (
    ("Backups", "the production database is backed up on a schedule, and a restore has been tested"),
    ("Alerts", "error rate, latency and the health check page a person, not just a dashboard"),
    ("Uptime monitor", "an external probe calls the health endpoint from outside your network"),
    ("Rollback", "the previous release can be redeployed in minutes, with its schema"),
    ("Secret rotation", "any secret that was ever committed or pasted has been rotated"),
    ("Resource limits", "memory and CPU limits, and the instance count, match the expected load"),
    ("Logs", "logs are shipped off the machine and kept long enough to investigate an incident"),
)


@dataclass
class Card:
    category: str
    name: str
    status: str  # "pass" | "findings" | "n/a" | "not checked"
    why: str
    findings: list[Located] = field(default_factory=list)


class FactCollector:
    """Stands in for the cache in `prodlint.project.run`: computes every file and keeps its facts
    (the scorecard's "no HTTP server found" is read from them)."""

    def __init__(self) -> None:
        self.facts: list[Fact] = []

    def execute(self, jobs: Sequence[Any], compute) -> Iterator[Any]:
        for computed in compute(list(jobs)):
            self.facts.extend(computed[0].facts)
            yield computed

    def save(self) -> None:
        """Nothing is written: the report never caches."""


def _has(facts: Iterable[Fact], kinds: Iterable[str]) -> bool:
    wanted = set(kinds)
    return any(f.kind in wanted for f in facts)


def _has_database(facts: Iterable[Fact]) -> bool:
    for f in facts:
        if f.kind == "client":
            return True
        if f.kind in ("dependency", "import") and f.value.split(".")[0].lower() in DB_NAMES:
            return True
    return False


def scorecard(located: Sequence[Located], facts: Sequence[Fact]) -> list[Card]:
    from prodlint.registry import all_rules

    covered = {r.rule.category for r in all_rules()}
    server = _has(facts, SERVER_FACTS)
    docker = any(f.kind == "deploy_file" for f in facts)
    database = _has_database(facts)
    needs = {
        "2": (server, "no HTTP server found"),
        "3": (server, "no HTTP server found"),
        "6": (server, "no HTTP server found"),
        "7": (server or docker, "no HTTP server or container found"),
        "8": (database, "no database client or ORM found"),
    }
    cards = []
    for cat in (*EIGHT, "+"):
        mine = [loc for loc in located if loc.category == cat]
        name = CATEGORIES.get(cat, cat)
        if mine:
            cards.append(Card(cat, name, "findings", f"{len(mine)} finding{'s' if len(mine) != 1 else ''}", mine))
        elif cat not in covered:
            cards.append(Card(cat, name, "not checked", "no rule checks this yet: review it by hand"))
        elif cat in needs and not needs[cat][0]:
            cards.append(Card(cat, name, "n/a", needs[cat][1]))
        elif cat != "+":
            cards.append(Card(cat, name, "pass", "no finding"))
    return cards


def collect(path: str) -> tuple[list[Located], list[Card], int, dict]:
    """Lint `path` and build the scorecard; returns findings, cards, files checked, secrets."""
    from prodlint.project import run

    collector = FactCollector()
    report = run([path], cache=collector)
    located = locate_all(report.findings, report.positions, report.plain_text)
    return located, scorecard(located, collector.facts), report.files, secrets_of(report.findings)


def _fix_lines(loc: Located) -> list[tuple[str, str]]:
    out = []
    for fix in loc.finding.fixes:
        mark = {Applicability.SAFE: "[*] safe fix", Applicability.UNSAFE: "[~] unsafe fix"}.get(
            fix.applicability, "suggestion")
        out.append((mark, fix.title))
    return out


def _frame_text(loc: Located, secrets: dict) -> str | None:
    frame = frame_of(loc, secrets)
    if frame is None:
        return None
    gutter = " " * len(str(frame.number))
    more = f" (+{frame.more_lines} more line{'s' if frame.more_lines != 1 else ''})" if frame.more_lines else ""
    return f"{frame.number} | {frame.text}\n{gutter} | {frame.underline}{more}"


# ---------------------------------------------------------------- Markdown

_ICON = {"pass": "✅ pass", "findings": "❌ findings", "n/a": "➖ not applicable", "not checked": "⚠️ not checked"}


def markdown(project: str, located: Sequence[Located], cards: Sequence[Card], files: int, secrets: dict) -> str:
    lines = [f"# Production readiness: {project}", "",
             f"prodlint {__version__} checked {files} file{'s' if files != 1 else ''}: "
             f"{len(located)} finding{'s' if len(located) != 1 else ''}.", "",
             "| # | failure | status | why |", "|---|---|---|---|"]
    for card in cards:
        lines.append(f"| {card.category} | {card.name} | {_ICON[card.status]} | {card.why} |")
    for card in cards:
        if not card.findings:
            continue
        lines += ["", f"## {card.category} {card.name}", ""]
        for loc in card.findings:
            f = loc.finding
            sev = f.severity.value if f.severity else "warning"
            lines.append(f"### `{loc.path}:{loc.line}` {f.code} {f.name} ({sev})")
            lines += ["", f.message.replace("\n", " "), ""]
            frame = _frame_text(loc, secrets)
            if frame:
                lines += ["```", frame, "```", ""]
            for mark, title in _fix_lines(loc):
                lines.append(f"- **{mark}**: {title}")
            lines.append(f"- [{f.code} documentation]({rule_url(f.code)})")
            lines.append("")
    lines += ["", "## Needs a person", "", "No linter can check these; tick them off before the deploy:", ""]
    lines += [f"- [ ] **{name}**: {text}" for name, text in HUMAN_CHECKLIST]
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------- HTML

_CSS = """
:root { color-scheme: light; --ok: #1a7f37; --bad: #cf222e; --na: #6e7781; --warn: #9a6700; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #f6f8fa; color: #1f2328; }
main { max-width: 980px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { margin-top: 32px; border-bottom: 1px solid #d0d7de; }
.meta { color: #59636e; margin: 0 0 20px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px; }
.card { background: #fff; border: 1px solid #d0d7de; border-left: 6px solid var(--na); border-radius: 6px; padding: 10px 12px; }
.card.pass { border-left-color: var(--ok); } .card.findings { border-left-color: var(--bad); }
.card.notchecked { border-left-color: var(--warn); }
.card .n { font-weight: 600; } .card .status { font-weight: 600; text-transform: uppercase; font-size: 12px; }
.pass .status { color: var(--ok); } .findings .status { color: var(--bad); } .notchecked .status { color: var(--warn); }
.na .status { color: var(--na); } .card .why { color: #59636e; font-size: 13px; }
.finding { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 12px 14px; margin: 12px 0; }
.finding h3 { font-size: 15px; margin: 0 0 6px; } .sev { font-size: 12px; padding: 1px 6px; border-radius: 10px; color: #fff; }
.sev.error { background: var(--bad); } .sev.warning { background: var(--warn); } .sev.info, .sev.hint { background: var(--na); }
pre { background: #0d1117; color: #e6edf3; padding: 10px; border-radius: 6px; overflow-x: auto; font-size: 13px; }
ul.fixes { margin: 6px 0; padding-left: 20px; } .safe { color: var(--ok); font-weight: 600; } .unsafe { color: var(--warn); font-weight: 600; }
ul.human li { margin: 4px 0; } code { font-size: 13px; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def page(project: str, located: Sequence[Located], cards: Sequence[Card], files: int, secrets: dict) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>Production readiness: {_e(project)}</title><style>{_CSS}</style></head><body><main>",
           f"<h1>Production readiness: {_e(project)}</h1>",
           f'<p class="meta">prodlint {_e(__version__)} checked {files} file{"s" if files != 1 else ""}: '
           f"{len(located)} finding{'s' if len(located) != 1 else ''}.</p>",
           '<section class="cards" aria-label="scorecard">']
    for card in cards:
        css = card.status.replace("/", "").replace(" ", "")
        out.append(f'<div class="card {css}"><div class="n">{_e(card.category)} · {_e(card.name)}</div>'
                   f'<div class="status">{_e(_ICON[card.status].split(" ", 1)[1])}</div>'
                   f'<div class="why">{_e(card.why)}</div></div>')
    out.append("</section>")
    for card in cards:
        if not card.findings:
            continue
        out.append(f"<h2>{_e(card.category)} · {_e(card.name)}</h2>")
        for loc in card.findings:
            f = loc.finding
            sev = f.severity.value if f.severity else "warning"
            out.append(f'<div class="finding"><h3><span class="sev {sev}">{sev}</span> '
                       f'<a href="{_e(rule_url(f.code))}">{_e(f.code)}</a> {_e(f.name)} · '
                       f"<code>{_e(loc.path)}:{loc.line}:{loc.column}</code></h3><p>{_e(f.message)}</p>")
            frame = _frame_text(loc, secrets)
            if frame:
                out.append(f"<pre>{_e(frame)}</pre>")
            fixes = _fix_lines(loc)
            if fixes:
                out.append('<ul class="fixes">')
                for mark, title in fixes:
                    css = "safe" if mark.startswith("[*]") else "unsafe" if mark.startswith("[~]") else ""
                    out.append(f'<li><span class="{css}">{_e(mark)}</span>: {_e(title)}</li>')
                out.append("</ul>")
            out.append("</div>")
    out.append("<h2>Needs a person</h2><p>No linter can check these; tick them off before the deploy:</p>"
               '<ul class="human">')
    for name, text in HUMAN_CHECKLIST:
        out.append(f'<li><label><input type="checkbox"> <b>{_e(name)}</b>: {_e(text)}</label></li>')
    out.append("</ul></main></body></html>")
    return "\n".join(out) + "\n"


def write_report(path: str, fmt: str, output: str | None) -> int:
    """Build the report of `path` and write it; 2 when no file could be checked."""
    from prodlint.nothing_checked import explain

    located, cards, files, secrets = collect(path)
    if files == 0:
        print(f"prodlint: {explain([path], [])}", file=sys.stderr)
        return 2
    project = os.path.basename(os.path.abspath(path)) or path
    body = page(project, located, cards, files, secrets) if fmt == "html" else markdown(
        project, located, cards, files, secrets)
    target = output or ("prodlint-report.html" if fmt == "html" else "-")
    if target == "-":
        sys.stdout.write(body)
    else:
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(body)
        print(f"prodlint: wrote {target} ({len(located)} findings, {files} files checked)", file=sys.stderr)
    return 0
