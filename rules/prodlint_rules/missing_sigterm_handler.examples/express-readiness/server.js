const express = require("express");

const app = express();

app.get("/healthz", (req, res) => res.send("ok"));
app.get("/readyz", (req, res) => res.json({ status: "ready" }));

app.listen(3000); // expect: SIG001
