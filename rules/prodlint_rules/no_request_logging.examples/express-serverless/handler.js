const express = require("express");
const serverless = require("serverless-http");

const app = express(); // ok: LOG002 (a serverless handler: the platform logs each invocation)
app.get("/ping", (req, res) => res.send("pong"));

module.exports.handler = serverless(app);
