const express = require("express");
const { Pool } = require("pg");

const pool = new Pool();
const app = express(); // expect: HLT001

let shuttingDown = false;

app.get("/healthz", (_req, res) => {
  res.json({ status: "ok", uptime: process.uptime() });
});

app.get("/readyz", async (_req, res) => {
  if (shuttingDown) return res.status(503).json({ status: "shutting down" });
  let check = "postgres";
  try {
    await pool.query('SELECT 1');
    res.json({ status: "ready" });
  } catch (err) {
    res.status(503).json({ status: "unavailable", check });
  }
});

app.get("/entries", async (req, res) => {
  const { rows } = await pool.query("SELECT * FROM entries");
  res.json(rows);
});

const server = app.listen(3000);

process.on("SIGTERM", () => {
  shuttingDown = true;
  server.close(() => pool.end());
});
