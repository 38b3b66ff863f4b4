const { series } = require("gulp");
exports.default = series(async () => console.log("done")); // ok: LOG001 (build configuration)
