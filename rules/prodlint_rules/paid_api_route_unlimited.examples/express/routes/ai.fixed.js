const express = require("express");
const Anthropic = require("@anthropic-ai/sdk");
const twilio = require("twilio");
const Stripe = require("stripe");
const chat = require("../controllers/chat");
const { complete } = require("../services/llm");
const { rateLimit } = require("express-rate-limit");

const sendLimiter = rateLimit({
  windowMs: 60 * 1000,
  limit: 10,
  standardHeaders: "draft-7",
  legacyHeaders: false,
  message: { error: "Too many requests, please slow down." },
});

const aiLimiter = rateLimit({
  windowMs: 60 * 1000,
  limit: 10,
  standardHeaders: "draft-7",
  legacyHeaders: false,
  message: { error: "Too many requests, please slow down." },
});

const router = express.Router();
const anthropic = new Anthropic();
const sms = twilio(process.env.TWILIO_SID, process.env.TWILIO_TOKEN);
const stripe = new Stripe(process.env.STRIPE_KEY);

async function summarize(text) {
  const message = await anthropic.messages.create({
    model: "claude-3-5-haiku-latest",
    max_tokens: 512,
    messages: [{ role: "user", content: `Summarize: ${text}` }],
  });
  return message.content;
}

router.post("/summarize", aiLimiter, async (req, res) => { // expect: RATE003
  res.json({ summary: await summarize(req.body.text) });
});

router.post("/generate", aiLimiter, chat.generate); // expect: RATE003
router.post("/estimate", chat.estimate); // ok: RATE003

router.post("/complete", aiLimiter, async (req, res) => { // expect: RATE003
  res.json({ text: await complete(req.body.prompt) });
});

router.post("/notify", sendLimiter, async (req, res) => { // expect: RATE003
  await sms.messages.create({ to: req.body.to, from: process.env.TWILIO_FROM, body: req.body.text });
  res.sendStatus(202);
});

router.post("/checkout", async (req, res) => { // ok: RATE003
  res.json(await stripe.checkout.sessions.create({ mode: "payment" }));
});

router.get("/history", (req, res) => res.json([])); // ok: RATE003

router.post("/auth/otp/send", async (req, res) => { // ok: RATE003
  await sms.messages.create({ to: req.body.to, from: process.env.TWILIO_FROM, body: "code" });
  res.sendStatus(202);
});

module.exports = router;
