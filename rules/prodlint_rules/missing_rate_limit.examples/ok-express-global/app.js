const express = require("express");
const { rateLimit } = require("express-rate-limit");

const app = express(); // ok: RATE001
app.use(rateLimit({ windowMs: 60_000, limit: 100 }));
app.post("/api/orders", (req, res) => res.sendStatus(201));
app.listen(3000);
