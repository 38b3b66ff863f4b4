import bodyParser from 'body-parser';
import express from 'express';
import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY as string);
const app = express();
app.use(bodyParser.json());

// expect: HOOK001
app.post('/api/stripe/webhook', (req, res) => {
  const sig = req.headers['stripe-signature'] as string;
  try {
    const event = stripe.webhooks.constructEvent(req.body, sig, process.env.STRIPE_WEBHOOK_SECRET as string);
    res.json({ received: event.id });
  } catch {
    res.status(400).end();
  }
});
