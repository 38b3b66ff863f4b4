const express = require("express");
const app = express();
const corsOrigin = process.env.CORS_ORIGIN || "*";
if (process.env.SENTRY_DSN) enableSentry(process.env.SENTRY_DSN);
const verbose = process.env.VERBOSE === "true";
app.listen(process.env.PORT || 8080); // ok: SEC004
