const express = require('express');
const users = require('./routes/users');

const app = express(); // expect: HLT001

app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok', uptime: process.uptime() });
});

app.use('/users', users);
app.listen(8080);
