const express = require("express");
const app = express();

function log(...args) {
  console.log(new Date().toISOString(), ...args); // ok: LOG001 (a home-made logger function)
}

const audit = {
  info: (message) => console.info(`[audit] ${message}`), // ok: LOG001 (a logger object)
};

app.get("/", (req, res) => {
  log("index");
  audit.info("index");
  console.log(); // ok: LOG001 (a blank line, nothing logged)
  res.send("ok");
});

module.exports = app;

app.listen(3000, () => console.log("listening on 3000")); // expect: LOG001
