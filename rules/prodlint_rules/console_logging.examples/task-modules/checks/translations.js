const fs = require("fs");

const missing = fs.readdirSync("locales").filter((name) => !name.endsWith(".json"));
console.log(`${missing.length} files are not JSON`); // ok: LOG001 (run by a CI workflow)
