const session = require("express-session");

module.exports = session({
  // expect: SEC002
  secret: process.env.SESSION_SECRET || process.env.COOKIE_SECRET,
  // ok: SEC002
  name: process.env.SESSION_COOKIE || process.env.COOKIE_NAME || "sid",
  resave: false,
});
