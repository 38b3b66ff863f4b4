import { Router } from "express";
import Groq from "groq-sdk";
import nodemailer from "nodemailer";
import OpenAI from "openai";
import { assistant } from "../services/assistant.js";
import { rerank, tokenize } from "../services/search.js";
import { rateLimit } from "express-rate-limit";

const aiLimiter = rateLimit({
  windowMs: 60 * 1000,
  limit: 10,
  standardHeaders: "draft-7",
  legacyHeaders: false,
  message: { error: "Too many requests, please slow down." },
});

const groq = new Groq();
const openai = new OpenAI();
const mailer = nodemailer.createTransport({ host: "smtp.example.com" });
const models = await openai.models.list();

export const api = Router();

api.post("/reply", aiLimiter, async (req, res) => res.json(await assistant.reply(req.body.messages))); // expect: RATE003
api.get("/history", (req, res) => res.json(assistant.history(req.query.user))); // ok: RATE003
api.post("/rerank", aiLimiter, async (req, res) => res.json(await rerank(req.body.q, req.body.docs))); // expect: RATE003
api.post("/tokens", (req, res) => res.json(tokenize(req.body.text))); // ok: RATE003
api.post("/fast", aiLimiter, async (req, res) => { // expect: RATE003
  const out = await groq.chat.completions.create({ model: "llama-3.1-8b-instant", messages: req.body.messages });
  res.json(out);
});
api.post("/mail", async (req, res) => { // ok: RATE003
  await mailer.sendMail({ to: req.body.to, subject: "hi", text: "hello" });
  res.sendStatus(202);
});
api.get("/models", (req, res) => res.json(models.data)); // ok: RATE003
