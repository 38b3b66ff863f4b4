const express = require("express");
const { label } = require("./lib/format");
const logger = require("./logger");

const app = express();
app.get("/", (req, res) => res.send(label("ok")));
app.listen(3000, () => logger.info("listening")); // expect: LOG001 (a workflow starts it, but it serves)
