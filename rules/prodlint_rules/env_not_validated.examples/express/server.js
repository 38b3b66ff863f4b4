const express = require("express");
const { Pool } = require("pg");
require("dotenv").config();

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const app = express();

app.post("/login", async (req, res) => {
  const token = sign(req.body, process.env.JWT_SECRET);
  res.json({ token, region: process.env["AWS_S3_BUCKET"] });
});

if (process.env.SENTRY_DSN) {
  initSentry();
}

app.listen(process.env.PORT || 3000); // expect: SEC004
