const { RateLimiterMemory } = require("rate-limiter-flexible");

const attempts = new RateLimiterMemory({ points: 5, duration: 900 });

exports.login = async (req, res) => {
  try {
    await attempts.consume(req.ip);
  } catch {
    return res.status(429).json({ error: "Too many attempts" });
  }
  res.json({ ok: true });
};

exports.register = async (req, res) => {
  res.json({ ok: true });
};
