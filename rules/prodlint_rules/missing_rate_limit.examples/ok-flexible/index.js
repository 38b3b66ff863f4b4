const express = require("express");
const Redis = require("ioredis");
const { RateLimiterRedis } = require("rate-limiter-flexible");

const limiter = new RateLimiterRedis({ storeClient: new Redis(), points: 50, duration: 60 });
const app = express(); // ok: RATE001

app.use(async (req, res, next) => {
  try {
    await limiter.consume(req.ip);
    next();
  } catch {
    res.status(429).send("Too Many Requests");
  }
});
app.post("/api/messages", (req, res) => res.sendStatus(201));
app.listen(3000);
