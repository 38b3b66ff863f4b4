const express = require("express");
const users = require("../users");

const router = express.Router();

router.get("/login", (req, res) => res.send("<form method=post></form>")); // ok: RATE002
router.post("/login", async (req, res) => { // expect: RATE002
  res.json(await users.login(req.body.email, req.body.password));
});
router.post("/register", async (req, res) => res.json(await users.create(req.body))); // expect: RATE002
router.post("/forgot-password", async (req, res) => res.json(await users.sendReset(req.body.email))); // expect: RATE002
router.post("/reset-password/:token", async (req, res) => res.json(await users.reset(req.params.token))); // expect: RATE002
router.post("/otp/send", async (req, res) => res.json(await users.sendOtp(req.body.phone))); // expect: RATE002
router.post("/otp/verify", async (req, res) => res.json(await users.verifyOtp(req.body))); // expect: RATE002
router.post("/magic-link", async (req, res) => res.json(await users.magicLink(req.body.email))); // expect: RATE002
router.post("/refresh", async (req, res) => res.json(await users.refresh(req.body.token))); // expect: RATE002
router.route("/signin").post(async (req, res) => res.json(await users.login(req.body))); // expect: RATE002
router.post("/logout", (req, res) => res.sendStatus(204)); // ok: RATE002
router.get("/me", (req, res) => res.json(req.user)); // ok: RATE002
router.post("/login/check-session", (req, res) => res.json({ valid: Boolean(req.user) })); // ok: RATE002
router.get("/oauth/callback", (req, res) => res.redirect("/")); // ok: RATE002

module.exports = router;
