const express = require("express");
const apiThrottle = require("./middleware/throttle");

const app = express(); // ok: RATE001
app.use("/api", apiThrottle);
app.post("/api/orders", (req, res) => res.sendStatus(201));
module.exports = app;
