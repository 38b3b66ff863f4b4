const app = require("../server");

console.log("resetting", app.get("env")); // ok: LOG001 (run by the package.json script "db:reset")
