const express = require("express");
const setup = require("./setup");

// the limiter is applied by a plugin loader prodlint cannot follow
const app = express(); // ok: RATE001
setup(app);
app.post("/api/upload", (req, res) => res.sendStatus(201));
app.listen(3000);
