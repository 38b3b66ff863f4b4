const express = require('express');
const Order = require('../models/order');
const { listOrders } = require('../controllers/orders');

const router = express.Router();

router.get('/', listOrders);

// expect: ERR001
router.get('/:id', async (req, res, next) => {
  try {
    const order = await Order.findById(req.params.id);
    if (!order) return res.status(404).json({ error: 'not found' });
    res.json(order);
  } catch (err) {
    next(err);
  }
});

router.post('/', async (req, res, next) => { // ok: ERR001
  try {
    const order = await Order.create(req.body);
    res.status(201).json(order);
  } catch (err) {
    next(err);
  }
});

router.delete('/:id', async function (req, res, next) {
  try {
    await Order.deleteOne({ _id: req.params.id }); res.sendStatus(204);
  } catch (err) {
    next(err);
  }
}); // expect: ERR001

router.get('/count', (req, res) => { // ok: ERR001
  Order.countDocuments().then((n) => res.json({ n }));
});

module.exports = router;
