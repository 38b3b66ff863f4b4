const app = require("./server");

console.log("routes:", app._router.stack.length); // ok: LOG001 (package.json bin)
