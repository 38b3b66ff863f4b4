const express = require("express");
const Stripe = require("stripe");

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
const app = express();
app.use(express.json());

// expect: HOOK001
app.post("/webhook", express.raw({ type: "application/json" }), async (req, res) => {
  let event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], process.env.STRIPE_WEBHOOK_SECRET);
  } catch (err) {
    return res.status(400).send("Webhook signature verification failed");
  }
  if (event.type === "checkout.session.completed") {
    await fulfil(event.data.object);
  }
  res.sendStatus(200);
});

app.post("/orders", async (req, res) => { // ok: HOOK001
  res.json(await createOrder(req.body));
});

app.listen(process.env.PORT);
