const { Router } = require("express");

const probes = Router();

probes.get("/ready", readiness); // expect: HLT003

function readiness(req, res) {
  res.status(200).send("ready");
}

module.exports = probes;
