const router = require("express").Router();
const OpenAI = require("openai");

const openai = new OpenAI();

router.post("/chat", async (req, res) => { // expect: RATE003
  res.json(await openai.chat.completions.create({ model: "gpt-4o-mini", messages: req.body.messages }));
});

module.exports = router;
