const { label } = require("../../../lib/format");

console.log(label("changelog")); // ok: LOG001 (code under .github/ runs only in CI)
