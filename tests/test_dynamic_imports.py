"""`js_imports` reads dynamic imports of a module named by a string as it reads `require`: the
module is imported, and the names a declaration binds from it are its."""

from __future__ import annotations

from prodlint.appmodel import js_imports
from test_fact_shortcuts import context

SOURCE = """\
import fs from "fs";

export async function prepare() {
  await import("./update-version.mjs");
  const { run } = await import("./steps.js");
  const lib = await import('lib-name');
  const later = () => import(`./template-${name}.js`);
  const notImport = reimport("./nothing.js");
  return obj.import("./method.js");
}
"""


def test_dynamic_imports_are_imports() -> None:
    imports = js_imports(context(SOURCE, "prepare.mjs"))
    modules = set(imports.values())
    assert {"fs", "./update-version.mjs", "./steps.js", "lib-name"} <= modules
    assert imports["run"] == "./steps.js" and imports["lib"] == "lib-name"
    # a template names no one module; a call of another function or of a method imports nothing
    assert not any("template" in m or "nothing" in m or "method" in m for m in modules)


def test_a_file_without_them_reads_as_before() -> None:
    imports = js_imports(context('const x = require("./x");\nimport y from "y";\n', "m.ts"))
    assert imports == {"": "y", "x": "./x", " ./x": "./x", "y": "y"}
