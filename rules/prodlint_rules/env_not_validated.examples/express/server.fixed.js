const express = require("express");
const { Pool } = require("pg");
require("dotenv").config();

function validateEnv(names) {
  const missing = names.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(`Missing required environment variables: ${missing.join(", ")}`);
  }
}

validateEnv(["AWS_S3_BUCKET", "DATABASE_URL", "JWT_SECRET", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"]);

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
