import "dotenv/config";
import express from "express";

function validateEnv(names: string[]): void {
  const missing = names.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(`Missing required environment variables: ${missing.join(", ")}`);
  }
}

validateEnv(["DATABASE_URL", "JWT_SECRET"]);

const app = express();
const jwtSecret = process.env.JWT_SECRET!; // expect: SEC002
const dbUrl = process.env.DATABASE_URL!; // expect: SEC002
const siteName = process.env.SITE_NAME || "Acme Shop"; // ok: SEC002

app.listen(3000);
export { app, jwtSecret, dbUrl, siteName };
