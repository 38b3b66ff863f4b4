const serverless = require("serverless-http");
const express = require("express");

// An AWS Lambda behind API Gateway: no long-running server. ok: HLT001
const app = express();
app.get("/items", (req, res) => res.json([]));

module.exports.handler = serverless(app);
