const express = require("express");
const events = require("events");

const app = express();
// Waiting for SIGTERM handles the signal, not a crash: the entry point still has no crash handler.
const server = app.listen(3000); // expect: ERR003
events.once(process, "SIGTERM").then(() => server.close());
