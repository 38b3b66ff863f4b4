const express = require("express");
const { Pool } = require("pg");

const pool = new Pool();
const app = express();

app.get("/healthz", (req, res) => res.json({ status: "ok" }));


let shuttingDown = false;

// expect: HLT003
app.get("/readyz", async (req, res) => {
  if (shuttingDown) return res.status(503).json({ status: "shutting down" });
  await pool.query("SELECT 1");
  res.json({ status: "ready" });
});

const server = app.listen(3000);

process.on("SIGTERM", () => {
  shuttingDown = true;
  server.close(async () => {
    await pool.end();
    process.exit(0);
  });
});
