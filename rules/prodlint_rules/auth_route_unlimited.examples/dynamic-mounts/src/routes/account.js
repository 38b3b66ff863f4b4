const express = require("express");

const router = express.Router();
router.post("/sign-in", (req, res) => res.json({ ok: true })); // ok: RATE002
router.post("/sign-up", (req, res) => res.json({ ok: true })); // ok: RATE002

module.exports = router;
