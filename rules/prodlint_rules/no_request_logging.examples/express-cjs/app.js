const express = require("express");

const app = express(); // expect: LOG002
app.use(express.json());

app.get("/todos", (req, res) => res.json([]));

module.exports = app;
