const express = require('express');
const pino = require('pino');

const logger = pino();
const app = express(); // expect: ERR002

app.use(express.json());
app.get('/orders', (req, res) => res.json([]));
app.post('/orders', (req, res) => res.status(201).json(req.body));

app.listen(3000, () => logger.info('listening'));
