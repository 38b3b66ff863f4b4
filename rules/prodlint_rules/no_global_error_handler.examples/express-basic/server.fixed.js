const express = require('express');
const pino = require('pino');

const logger = pino();
const app = express(); // expect: ERR002

app.use(express.json());
app.get('/orders', (req, res) => res.json([]));
app.post('/orders', (req, res) => res.status(201).json(req.body));

app.use((err, req, res, next) => {
  logger.error(err);
  if (res.headersSent) return next(err);
  const status = err.status || err.statusCode || 500;
  res.status(status).json({ error: status < 500 ? err.message : 'Internal Server Error' });
});

app.listen(3000, () => logger.info('listening'));
