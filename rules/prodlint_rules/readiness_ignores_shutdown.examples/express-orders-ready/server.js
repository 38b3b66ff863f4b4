const express = require("express");

const app = express();

app.get("/orders/ready", (req, res) => res.json([])); // ok: HLT003 (orders that are ready, not a probe)

const server = app.listen(3000);
process.on("SIGTERM", () => server.close());
