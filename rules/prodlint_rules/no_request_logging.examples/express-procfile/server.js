const express = require("express");

const app = express(); // ok: LOG002 (Procfile: the router logs every request)
app.listen(process.env.PORT);
