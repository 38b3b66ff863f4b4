const app = require("./server");

console.log("importing products into", app.get("env")); // ok: LOG001 (a seeder)
