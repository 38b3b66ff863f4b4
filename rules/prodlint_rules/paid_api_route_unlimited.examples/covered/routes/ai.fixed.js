const router = require("express").Router();
const OpenAI = require("openai");
const { rateLimit } = require("express-rate-limit");

const aiLimiter = rateLimit({
  windowMs: 60 * 1000,
  limit: 10,
  standardHeaders: "draft-7",
  legacyHeaders: false,
  message: { error: "Too many requests, please slow down." },
});

const openai = new OpenAI();

router.post("/chat", aiLimiter, async (req, res) => { // expect: RATE003
  res.json(await openai.chat.completions.create({ model: "gpt-4o-mini", messages: req.body.messages }));
});

module.exports = router;
