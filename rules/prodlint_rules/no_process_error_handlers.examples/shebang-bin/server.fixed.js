#!/usr/bin/env node
const express = require("express");

process.on("unhandledRejection", (reason) => {
  console.error("Unhandled promise rejection:", reason);
});

process.on("uncaughtException", (err) => {
  console.error("Uncaught exception:", err);
  process.exit(1);
});

const app = express();
app.listen(process.env.PORT); // expect: ERR003
