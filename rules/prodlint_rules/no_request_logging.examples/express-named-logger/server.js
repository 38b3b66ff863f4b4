const express = require("express");
const requestLogger = require("./middleware/request-logger");

const app = express(); // ok: LOG002 (app.use(requestLogger))
app.use(requestLogger);
app.listen(3000);
