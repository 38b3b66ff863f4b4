const Sentry = require('@sentry/node');
const express = require('express');

const app = express(); // ok: ERR002
app.get('/', (req, res) => res.send('ok'));
Sentry.setupExpressErrorHandler(app);
app.listen(3000);
