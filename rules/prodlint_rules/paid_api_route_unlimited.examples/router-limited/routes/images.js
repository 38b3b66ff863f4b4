const express = require("express");
const Replicate = require("replicate");
const { rateLimit } = require("express-rate-limit");

const replicate = new Replicate();
const router = express.Router();
router.use(rateLimit({ windowMs: 60_000, limit: 5 }));

router.post("/upscale", async (req, res) => { // ok: RATE003
  res.json(await replicate.run("nightmareai/real-esrgan", { input: { image: req.body.url } }));
});

module.exports = router;
