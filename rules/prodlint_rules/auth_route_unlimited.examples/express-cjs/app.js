const express = require("express");
const passport = require("passport");
const auth = require("./routes/auth");

const app = express();
app.use(express.json());
app.use(passport.initialize());
app.use("/api/auth", auth);

// a blog post about logging in, and a catalog: not authentication routes
app.post("/blog/login-tips", (req, res) => res.json({ ok: true })); // ok: RATE002
app.post("/catalog", (req, res) => res.json({ ok: true })); // ok: RATE002
app.post("/events/:id/register", (req, res) => res.json({ ok: true })); // ok: RATE002
app.post("/api/tokens", passport.authenticate("jwt"), (req, res) => res.json({ ok: true })); // ok: RATE002

// authentication middleware is not a rate limit
app.post("/session/login", passport.authenticate("local"), (req, res) => res.json(req.user)); // expect: RATE002

app.listen(3000);
