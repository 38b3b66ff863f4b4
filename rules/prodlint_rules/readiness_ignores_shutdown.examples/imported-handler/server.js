const express = require("express");
const { readiness } = require("./probes");

const app = express();
app.get("/readyz", readiness); // ok: HLT003 (the handler lives in another module)

const server = app.listen(3000);
process.on("SIGTERM", () => server.close());
