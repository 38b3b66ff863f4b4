const { Router } = require('express');
const { asyncHandler } = require('./utils');

const router = Router();
router.get('/me', asyncHandler(async (req, res) => { // ok: ERR001
  res.json(await users.find(req.user.id));
}));

module.exports = router;
