const express = require("express");

const app = express();

app.get("/readyz", (req, res) => res.send("ok")); // ok: HLT003 (no SIGTERM handler: the process dies at once)

app.listen(3000);
