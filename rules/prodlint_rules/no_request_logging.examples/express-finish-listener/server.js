const express = require("express");
const { requestTimer } = require("./timing");

const app = express(); // ok: LOG002 (a res.on("finish") middleware in another file)
app.use(requestTimer);
app.listen(3000);
