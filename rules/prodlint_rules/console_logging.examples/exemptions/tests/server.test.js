const app = require("../server");
console.log(app); // ok: LOG001 (a test)
