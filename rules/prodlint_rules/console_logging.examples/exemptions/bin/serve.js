#!/usr/bin/env node
const app = require("../server");

console.log("routes", app._router.stack.length); // ok: LOG001 (a #!/usr/bin/env node program)
