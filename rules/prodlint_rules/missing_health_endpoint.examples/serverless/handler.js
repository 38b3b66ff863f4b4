const express = require('express');
const serverless = require('serverless-http');

const app = express(); // ok: HLT001
app.get('/hello', (req, res) => res.json({ hi: true }));

module.exports.handler = serverless(app);
