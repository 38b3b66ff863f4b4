const express = require("express");

const app = express();
let isDraining = false;

app.get("/readyz", (req, res) => { // ok: HLT003 (reads isDraining)
  if (isDraining) return res.sendStatus(503);
  res.send("ready");
});

app.get("/ready", (req, res) => { // ok: HLT003 (server.listening turns false on close)
  res.sendStatus(req.socket.server.listening ? 200 : 503);
});

const server = app.listen(3000);
process.on("SIGTERM", () => {
  isDraining = true;
  setTimeout(() => server.close(), 5000);
});
