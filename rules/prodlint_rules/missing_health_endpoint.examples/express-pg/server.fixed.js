const express = require('express');
const mongoose = require('mongoose');
const { Pool } = require('pg');

const pool = new Pool();
const app = express(); // expect: HLT001

app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok', uptime: process.uptime() });
});

app.get('/readyz', async (_req, res) => {
  let check = 'postgres';
  try {
    await pool.query('SELECT 1');
    check = 'mongodb';
    if (mongoose.connection.readyState !== 1) throw new Error('not connected');
    res.json({ status: 'ready' });
  } catch (err) {
    res.status(503).json({ status: 'unavailable', check });
  }
});

app.use(express.json());

app.get('/api/orders', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM orders');
  res.json(rows);
});

app.listen(3000);
