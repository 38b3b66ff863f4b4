const express = require("express");
const { Pool } = require("pg");

const pool = new Pool();
const app = express(); // expect: HLT001

app.get("/entries", async (req, res) => {
  const { rows } = await pool.query("SELECT * FROM entries");
  res.json(rows);
});

const server = app.listen(3000);

process.on("SIGTERM", () => {
  server.close(() => pool.end());
});
