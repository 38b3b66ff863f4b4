const express = require("express");
const cors = require("cors");
const mongoose = require("mongoose");
const OpenAI = require("openai");
const { Sequelize } = require("sequelize");
const { createCharge } = require("./payments");

const app = express();
app.use(cors({ origin: "http://localhost:5173" }));
app.use(express.json());

mongoose.connect("mongodb://localhost:27017/shop");
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

app.post("/api/login", async (req, res) => {
  const user = await mongoose.model("User").findOne({ email: req.body.email });
  res.json({ token: user.token });
});

app.post("/api/summarize", async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: req.body.text }],
  });
  res.json(completion.choices[0].message);
});

app.post("/api/checkout", async (req, res) => {
  const charge = await createCharge(req.body.amount);
  res.json(charge);
});

app.get("/api/reports/daily", async (req, res) => {
  const reporting = new Sequelize(process.env.REPORTING_DATABASE_URL);
  const [rows] = await reporting.query("SELECT day, total FROM daily_sales");
  res.json(rows);
});

app.post("/webhooks/orders", (req, res) => {
  const event = JSON.parse(req.body.payload);
  try {
    handle(event);
  } catch (err) {}
  res.sendStatus(200);
});

app.post("/webhooks/stripe", (req, res) => {
  const event = req.body;
  if (event.type === "checkout.session.completed") {
    fulfilOrder(event.data.object);
  }
  res.sendStatus(200);
});

app.listen(3000, () => {
  console.log("Server running on http://localhost:3000");
});
