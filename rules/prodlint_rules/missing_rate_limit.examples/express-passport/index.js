const express = require("express");
const helmet = require("helmet");
const passport = require("passport");

// helmet and authentication are not rate limits
const app = express(); // expect: RATE001
app.use(helmet());
app.use(passport.initialize());
app.put("/api/profile", passport.authenticate("jwt", { session: false }), (req, res) => res.json(req.user));
app.listen(3000);
