const express = require("express");
const Stripe = require("stripe");

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
const app = express();
app.use(express.json());

// expect: HOOK001
app.post("/webhook", async (req, res) => {
  const event = req.body;
  if (event.type === "checkout.session.completed") {
    await fulfil(event.data.object);
  }
  res.sendStatus(200);
});

app.post("/orders", async (req, res) => { // ok: HOOK001
  res.json(await createOrder(req.body));
});

app.listen(process.env.PORT);
