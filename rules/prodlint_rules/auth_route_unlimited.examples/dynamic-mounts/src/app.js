const express = require("express");
const { rateLimit } = require("express-rate-limit");
const routes = require("./routes");

const app = express();
app.use("/v2/account", rateLimit({ windowMs: 15 * 60 * 1000, limit: 10 }));
app.use("/v2", routes);

module.exports = app;
