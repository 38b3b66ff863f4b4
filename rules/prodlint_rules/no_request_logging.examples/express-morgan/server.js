const express = require("express");
const morgan = require("morgan");

const app = express(); // ok: LOG002 (morgan)
app.use(morgan("combined"));
app.listen(3000);
