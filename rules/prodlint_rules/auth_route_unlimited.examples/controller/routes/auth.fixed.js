const router = require("express").Router();
const auth = require("../controllers/auth");
const { rateLimit } = require("express-rate-limit");

const authLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: 5,
  standardHeaders: "draft-7",
  legacyHeaders: false,
  message: { error: "Too many attempts, please try again later." },
});

router.post("/login", auth.login); // ok: RATE002
router.post("/register", authLimiter, auth.register); // expect: RATE002

module.exports = router;
