const express = require("express");
const app = express();

app.get("/items", async (req, res) => {
  try {
    res.json(JSON.parse(req.query.filter || "{}"));
  } catch (err) {} // expect: ERR004
});

module.exports = app;
