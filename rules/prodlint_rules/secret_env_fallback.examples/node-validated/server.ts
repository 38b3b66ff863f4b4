import "dotenv/config";
import express from "express";

function validateEnv(names: string[]): void {
  const missing = names.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(`Missing required environment variables: ${missing.join(", ")}`);
  }
}

validateEnv(["DATABASE_URL"]);

const app = express();
const jwtSecret = process.env.JWT_SECRET ?? "dev-jwt-secret-2024"; // expect: SEC002
const dbUrl = process.env.DATABASE_URL || "postgres://api:Zq8rT2vWx@db.internal.acme.io/api"; // expect: SEC002
const siteName = process.env.SITE_NAME || "Acme Shop"; // ok: SEC002

app.listen(3000);
export { app, jwtSecret, dbUrl, siteName };
