const express = require("express");
const events = require("events");

process.on("unhandledRejection", (reason) => {
  console.error("Unhandled promise rejection:", reason);
});

process.on("uncaughtException", (err) => {
  console.error("Uncaught exception:", err);
  process.exit(1);
});

const app = express();
// Waiting for SIGTERM handles the signal, not a crash: the entry point still has no crash handler.
const server = app.listen(3000); // expect: ERR003
events.once(process, "SIGTERM").then(() => server.close());
