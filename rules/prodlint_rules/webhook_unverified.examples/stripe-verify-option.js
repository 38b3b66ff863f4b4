const express = require("express");
const stripe = require("stripe")(process.env.STRIPE_SECRET_KEY);

const app = express();
app.use(express.json({ verify: (req, res, buf) => { req.rawBody = buf; } }));

// ok: HOOK001
app.post("/stripe/webhook", (req, res) => {
  const event = stripe.webhooks.constructEvent(req.rawBody, req.headers["stripe-signature"], process.env.STRIPE_WEBHOOK_SECRET);
  res.json({ received: event.id });
});
