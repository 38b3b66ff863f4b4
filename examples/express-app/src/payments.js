const Stripe = require("stripe");

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY || "sk_live_51HqLyjWDarjtT1zdp7dcXnBqgEeE9Ts3Yk2Vb8aQ");
const API_URL = process.env.PAYMENTS_API_URL || "http://localhost:4000";

async function createCharge(amount) {
  console.log("charging", amount);
  return stripe.charges.create({ amount, currency: "usd", source: "tok_visa", description: API_URL });
}

module.exports = { createCharge };
