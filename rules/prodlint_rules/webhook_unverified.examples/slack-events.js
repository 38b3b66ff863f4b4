const express = require("express");
const { handleSlackEvent } = require("./slack");

const app = express();

// expect: HOOK001
app.post("/slack/webhook", express.json(), (req, res) => {
  if (req.body.type === "url_verification") return res.send(req.body.challenge);
  handleSlackEvent(req.body.event);
  res.sendStatus(200);
});
