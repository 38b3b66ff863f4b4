const express = require('express');
const mongoose = require('mongoose');
const { Pool } = require('pg');

const pool = new Pool();
const app = express(); // expect: HLT001
app.use(express.json());

app.get('/api/orders', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM orders');
  res.json(rows);
});

app.listen(3000);
