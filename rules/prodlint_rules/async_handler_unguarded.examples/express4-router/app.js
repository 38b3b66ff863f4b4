const express = require('express');
const orders = require('./routes/orders');

const app = express();
app.use('/api/orders', orders);

module.exports = app;
