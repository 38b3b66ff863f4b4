const OpenAI = require("openai");

const openai = new OpenAI();

async function complete(prompt) {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: prompt }],
  });
  return completion.choices[0].message.content;
}

function countTokens(text) {
  return Math.ceil(text.length / 4);
}

module.exports = { complete, countTokens };
