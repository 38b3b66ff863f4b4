import express from 'express';

const router = express.Router();
router.get('/health', (req, res) => res.json({ ok: true }));
router.get('/orders', (req, res) => res.json([]));

export default router;
