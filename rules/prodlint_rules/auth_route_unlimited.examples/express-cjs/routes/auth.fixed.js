const express = require("express");
const users = require("../users");
const { rateLimit } = require("express-rate-limit");

const authLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: 5,
  standardHeaders: "draft-7",
  legacyHeaders: false,
  message: { error: "Too many attempts, please try again later." },
});

const router = express.Router();

router.get("/login", (req, res) => res.send("<form method=post></form>")); // ok: RATE002
router.post("/login", authLimiter, async (req, res) => { // expect: RATE002
  res.json(await users.login(req.body.email, req.body.password));
});
router.post("/register", authLimiter, async (req, res) => res.json(await users.create(req.body))); // expect: RATE002
router.post("/forgot-password", authLimiter, async (req, res) => res.json(await users.sendReset(req.body.email))); // expect: RATE002
router.post("/reset-password/:token", authLimiter, async (req, res) => res.json(await users.reset(req.params.token))); // expect: RATE002
router.post("/otp/send", authLimiter, async (req, res) => res.json(await users.sendOtp(req.body.phone))); // expect: RATE002
router.post("/otp/verify", authLimiter, async (req, res) => res.json(await users.verifyOtp(req.body))); // expect: RATE002
router.post("/magic-link", authLimiter, async (req, res) => res.json(await users.magicLink(req.body.email))); // expect: RATE002
router.post("/refresh", authLimiter, async (req, res) => res.json(await users.refresh(req.body.token))); // expect: RATE002
router.route("/signin").post(authLimiter, async (req, res) => res.json(await users.login(req.body))); // expect: RATE002
router.post("/logout", (req, res) => res.sendStatus(204)); // ok: RATE002
router.get("/me", (req, res) => res.json(req.user)); // ok: RATE002
router.post("/login/check-session", (req, res) => res.json({ valid: Boolean(req.user) })); // ok: RATE002
router.get("/oauth/callback", (req, res) => res.redirect("/")); // ok: RATE002

module.exports = router;
