const express = require("express");

const app = express();

app.get("/healthz", (req, res) => res.send("ok"));

let shuttingDown = false;

app.get("/readyz", (req, res) => {
  if (shuttingDown) return res.status(503).json({ status: "shutting down" });
  return res.json({ status: "ready" });
});

const server = app.listen(3000); // expect: SIG001

function shutdown(signal) {
  shuttingDown = true;
  console.log(`${signal} received: closing the HTTP server`);
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(1), 10_000).unref();
}

process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
