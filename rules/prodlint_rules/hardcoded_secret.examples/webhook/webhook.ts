import express from "express";

const router = express.Router();

// expect: SEC001
const endpointSecret = "whsec_3kT9vQm2Lx8pZr4Wb7Yc1Nd6";
const GITHUB_TOKEN = `github_pat_11ABCDEFG0aB3dE5fG7hJ9_kL1mN3pQ5rS7tU9vW1xY3zAb3dE5fG7hJ9kL1mN3pQ5rS7tU9`; // expect: SEC001
const SENDGRID = "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"; // expect: SEC001
const signingKey = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n-----END PRIVATE KEY-----\n"; // expect: SEC001
const serviceRole = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIiwiaXNzIjoic3VwYWJhc2UifQ.Zk3vT9qLm2Xp8Wr4Yb7Nc1Ld6Hf0Sj5Ga"; // expect: SEC001

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
