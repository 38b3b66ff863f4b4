const { bumpVersion } = require("./steps");
const { label } = require("../lib/format");

console.log(label(bumpVersion())); // ok: LOG001 (run by the package.json script "release")
