const express = require("express");
const { Ratelimit } = require("@upstash/ratelimit");
const { Redis } = require("@upstash/redis");

const ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(20, "10 s") });
const app = express(); // ok: RATE001

app.post("/api/generate", async (req, res) => {
  const { success } = await ratelimit.limit(req.ip);
  if (!success) return res.status(429).end();
  res.json({ ok: true });
});
app.listen(3000);
