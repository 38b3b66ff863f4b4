const { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, CURRENCY = "usd" } = process.env;
const stripe = require("stripe")(STRIPE_SECRET_KEY);
module.exports = { stripe, STRIPE_WEBHOOK_SECRET, CURRENCY };
