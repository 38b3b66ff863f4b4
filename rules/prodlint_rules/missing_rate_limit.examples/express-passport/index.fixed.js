const express = require("express");
const helmet = require("helmet");
const passport = require("passport");
const { rateLimit } = require("express-rate-limit");

// helmet and authentication are not rate limits
const app = express(); // expect: RATE001

const apiLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: 100,
  standardHeaders: "draft-7",
  legacyHeaders: false,
  message: { error: "Too many requests, please try again later." },
});
app.use(apiLimiter);

app.use(helmet());
app.use(passport.initialize());
app.put("/api/profile", passport.authenticate("jwt", { session: false }), (req, res) => res.json(req.user));
app.listen(3000);
