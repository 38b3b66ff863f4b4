// A standalone evaluation run by `deno run` from a package.json script: its output is the report.
const cases = [{ input: "list pages", tool: "list_pages" }];
for (const c of cases) {
  console.log(`${c.input} -> ${c.tool}`); // ok: LOG001
}
