const express = require("express");
const pinoHttp = require("pino-http");

const app = express(); // expect: LOG002
app.use(pinoHttp());
app.use(express.json());

app.get("/todos", (req, res) => res.json([]));

module.exports = app;
