const router = require("express").Router();
const auth = require("../controllers/auth");

router.post("/login", auth.login); // ok: RATE002
router.post("/register", auth.register); // expect: RATE002

module.exports = router;
