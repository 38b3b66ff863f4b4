const { Router } = require('express');

const router = Router();
// /users/status is a resource, not a health check
router.get('/status', (req, res) => res.json({ online: 3 }));
router.get('/:id/health-insurance', (req, res) => res.json({}));
router.get('/users/health-insurance', (req, res) => res.json({}));

module.exports = router;
