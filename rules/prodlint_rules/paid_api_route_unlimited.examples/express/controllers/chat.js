const llm = require("../services/llm");

exports.generate = async (req, res) => {
  res.json({ text: await llm.complete(req.body.prompt) });
};

exports.estimate = (req, res) => {
  res.json({ tokens: llm.countTokens(req.body.prompt) });
};
