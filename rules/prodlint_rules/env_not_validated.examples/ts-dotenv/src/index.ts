import "dotenv/config";
import express from "express";
import OpenAI from "openai";

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
const app = express();

app.get("/ask", async (req, res) => {
  const reply = await openai.responses.create({ model: process.env.OPENAI_MODEL!, input: String(req.query.q) });
  res.json(reply);
});

app.listen(Number(process.env.PORT ?? 3000), () => console.log("up")); // expect: SEC004
