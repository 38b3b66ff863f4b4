const Stripe = require("stripe");
const jwt = require("jsonwebtoken");
const session = require("express-session");
const OpenAI = require("openai");

// expect: SEC001
const stripe = Stripe("sk_live_51Jq8ZbT4nW2vX9kLmP3rQ7sY");
// expect: SEC001
const JWT_SECRET = "k9Vd2-wq81Ls-Zx4mT";
const openai = new OpenAI({
  apiKey: "sk-proj-Qw3rTy7uIo9pAs1dFg5hJk2lZx8cVb4nM6", // expect: SEC001
});
app.use(session({ secret: "7hGf2kLp9xQz3mWv", resave: false })); // expect: SEC001
const token = jwt.sign(payload, "b7c3-19af-K2m9-q8Zt-44e1"); // expect: SEC001
const digest = crypto.createHash("sha256", "b7c3-19af-K2m9-q8Zt-44e1"); // ok: SEC001
const aws = { accessKeyId: "AKIAQ7XK2M4P9W3LBN6R", region: "eu-west-1" }; // expect: SEC001
const headers = { Authorization: "Bearer sk-Ab3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zAb3dE5fG7h" }; // expect: SEC001
const mongo = "mongodb+srv://shopadmin:Vq82mZt4Lp@cluster0.x1y2z.mongodb.net/shop"; // expect: SEC001
if (password === "Adm1n!2024") { grantAdmin(); } // expect: SEC001

// Look-alikes that must stay quiet.
const publishable = "pk_live_51Jq8ZbT4nW2vX9kLmP3rQ7sY"; // ok: SEC001
const placeholderKey = "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx"; // ok: SEC001
const docsKey = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"; // ok: SEC001
const EXAMPLE_AWS = "AKIAIOSFODNN7EXAMPLE"; // ok: SEC001
const apiKeyHeader = "x-api-key"; // ok: SEC001
const TOKEN_STORAGE_KEY = "auth_token"; // ok: SEC001
const PASSWORD_FIELD = "password"; // ok: SEC001
const secretName = "prod/stripe/secret-key"; // ok: SEC001
const apiSecret = "API_SECRET"; // ok: SEC001
const clientSecret = "your-client-secret"; // ok: SEC001
const authToken = "<YOUR_AUTH_TOKEN>"; // ok: SEC001
const sessionSecret = "changeme"; // ok: SEC001
const password2 = "********"; // ok: SEC001
const requestId = "3f2b9c1e-8a4d-4f6b-9c2e-1a7d5e8f0b3c"; // ok: SEC001
const idempotencyKey = "order-checkout-v2"; // ok: SEC001
const tokenUrl = "https://oauth2.googleapis.com/token"; // ok: SEC001
const passwordHint = "At least 8 characters"; // ok: SEC001
const logo = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="; // ok: SEC001
const integrity = "sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC"; // ok: SEC001
const jwtSample = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"; // ok: SEC001
const fallback = process.env.JWT_SECRET || "k9Vd2-wq81Ls-Zx4mT"; // ok: SEC001 (SEC002 reports it)
const localDb = "postgres://postgres:postgres@localhost:5432/app_dev"; // expect: SEC001
const templated = `postgres://${user}:${pass}@${host}/app`; // ok: SEC001

module.exports = { stripe, JWT_SECRET, openai, token, aws, headers, mongo };
