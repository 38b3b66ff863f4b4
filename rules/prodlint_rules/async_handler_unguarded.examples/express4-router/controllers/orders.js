const Order = require('../models/order');

// expect: ERR001
exports.listOrders = async (req, res) => {
  const orders = await Order.find().limit(50);
  res.json(orders);
};

// ok: ERR001
exports.formatOrder = async (order, currency) => {
  const rate = await rates.get(currency);
  return { ...order, total: order.total * rate };
};
