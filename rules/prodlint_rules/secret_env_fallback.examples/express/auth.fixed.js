const jwt = require("jsonwebtoken");

function validateEnv(names) {
  const missing = names.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(`Missing required environment variables: ${missing.join(", ")}`);
  }
}

validateEnv(["JWT_SECRET", "REFRESH_TOKEN_SECRET", "SESSION_SECRET", "STRIPE_KEY", "DATABASE_URL", "ADMIN_PASSWORD", "SIGNING_SALT", "STORE_KEY"]);

const JWT_SECRET = process.env.JWT_SECRET; // expect: SEC002
const refreshSecret = process.env.REFRESH_TOKEN_SECRET; // expect: SEC002
const { SESSION_SECRET } = process.env; // expect: SEC002
const stripeKey = process.env.STRIPE_KEY; // expect: SEC002
const dbUrl = process.env.DATABASE_URL; // expect: SEC002
const adminPassword = process.env["ADMIN_PASSWORD"]; // expect: SEC002
const signing = process.env.SIGNING_SALT; // expect: SEC002
const storeKey = process.env.STORE_KEY; // expect: SEC002

const PORT = process.env.PORT || "3000"; // ok: SEC002
const API_URL = process.env.API_URL || "http://localhost:4000"; // ok: SEC002 (URL002 reports it)
const LOG_LEVEL = process.env.LOG_LEVEL ?? "info"; // ok: SEC002
const emptySecret = process.env.WEBHOOK_SECRET || ""; // ok: SEC002
const region = process.env.AWS_REGION || "eu-west-1"; // ok: SEC002
const keyPrefix = process.env.CACHE_KEY_PREFIX || "shop:"; // ok: SEC002
// A bare `*_KEY` may name a field or a lookup key: only a value shaped like a secret makes it one.
const emailAttribute = process.env.LDAP_EMAIL_KEY || "mail"; // ok: SEC002
const sortKey = process.env.DEFAULT_SORT_KEY || "createdAt"; // ok: SEC002
const { NODE_ENV = "development" } = process.env; // ok: SEC002
const devSecret = process.env.NODE_ENV === "development" ? process.env.JWT_SECRET || "dev-only-secret" : process.env.JWT_SECRET; // ok: SEC002
const bucket = process.env.S3_BUCKET || "shop-uploads-prod"; // ok: SEC002
const tokenTtl = process.env.TOKEN_TTL || "15m"; // ok: SEC002

module.exports = { jwt, JWT_SECRET, refreshSecret, SESSION_SECRET, stripeKey, dbUrl, adminPassword, signing, PORT, API_URL, LOG_LEVEL, emptySecret, region, keyPrefix, NODE_ENV, devSecret, bucket, tokenTtl, storeKey, emailAttribute, sortKey };
