import express from "express";

const router = express.Router();

// expect: SEC001
const endpointSecret = requireEnv("STRIPE_WEBHOOK_SECRET");
const GITHUB_TOKEN = requireEnv("GITHUB_TOKEN"); // expect: SEC001
const SENDGRID = requireEnv("SENDGRID_API_KEY"); // expect: SEC001
const signingKey = requireEnv("SIGNING_KEY"); // expect: SEC001
const serviceRole = requireEnv("SERVICE_ROLE"); // expect: SEC001

const anonKey = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoiYW5vbiIsImlzcyI6InN1cGFiYXNlIn0.Zk3vT9qLm2Xp8Wr4Yb7Nc1Ld6Hf0Sj5Ga"; // ok: SEC001
const pemHeader = "-----BEGIN PRIVATE KEY-----"; // ok: SEC001
const pemDocs = "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----"; // ok: SEC001
const webhookSecretVar: string = "STRIPE_WEBHOOK_SECRET"; // ok: SEC001
const stripeKeyPattern = /sk_live_[0-9a-zA-Z]{24}/; // ok: SEC001
const sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"; // ok: SEC001

router.post("/webhook", (req, res) => {
  if (req.headers["x-webhook-token"] === "whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx") { // ok: SEC001
    res.sendStatus(200);
  }
});

export { router, endpointSecret, GITHUB_TOKEN, SENDGRID, signingKey, serviceRole, anonKey, pemHeader, pemDocs, webhookSecretVar, stripeKeyPattern, sha };

/** The variable's value; stops the app when it is unset (a string for the type checker). */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}
