"""A finding about several places (SEC004: the variables and where each is read) carries them as
related locations, through to the LSP diagnostic's relatedInformation and the JSON output."""

from __future__ import annotations

import json

from prodlint.lsp.diagnostics import diagnostic_json, to_diagnostic
from prodlint.output import json as json_output
from prodlint.output import locate
from prodlint.positions import LineIndex
from prodlint.project import Overrides, run


def _sec004(tmp_path):
    (tmp_path / "package.json").write_text('{"name": "shop", "dependencies": {"express": "^4.19.2"}}\n')
    (tmp_path / "server.js").write_text(
        'const express = require("express");\n'
        "const app = express();\n"
        "const db = process.env.DATABASE_URL;\n"
        'app.get("/", (req, res) => res.json({ key: process.env.JWT_SECRET, db }));\n'
        "app.listen(3000);\n")
    report = run([str(tmp_path)], Overrides(select=("SEC004",)), jobs=1)
    found = [f for f in report.findings if f.code == "SEC004"]
    assert len(found) == 1
    return found[0]


def test_sec004_names_each_read(tmp_path):
    finding = _sec004(tmp_path)
    assert "server.js:3" in finding.message and "server.js:4" in finding.message
    places = {(path.rsplit("/", 1)[-1], span.start_point[0], message) for path, span, message in finding.related}
    assert places == {("server.js", 2, "`DATABASE_URL` is read here"), ("server.js", 3, "`JWT_SECRET` is read here")}


def test_related_locations_reach_the_lsp_diagnostic_and_json(tmp_path):
    finding = _sec004(tmp_path)
    wire = diagnostic_json(to_diagnostic(finding, LineIndex((tmp_path / "server.js").read_bytes()), "utf-16"))
    related = wire["relatedInformation"]
    assert [r["location"]["range"]["start"]["line"] for r in related] == [2, 3]
    assert all(r["location"]["uri"].endswith("/server.js") for r in related)
    out = json.loads(json_output.render([locate(finding)]))
    assert [r["line"] for r in out[0]["related"]] == [3, 4]


def test_related_locations_in_sarif(tmp_path):
    from prodlint.output import sarif

    finding = _sec004(tmp_path)
    result = json.loads(sarif.render([locate(finding)]))["runs"][0]["results"][0]
    assert [r["physicalLocation"]["region"]["startLine"] for r in result["relatedLocations"]] == [3, 4]
