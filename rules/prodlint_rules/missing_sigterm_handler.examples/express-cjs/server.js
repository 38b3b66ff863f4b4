const express = require('express');
const { Pool } = require('pg');

const app = express();
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

app.get('/orders', async (req, res, next) => {
  try {
    const { rows } = await pool.query('SELECT * FROM orders');
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

// expect: SIG001
app.listen(process.env.PORT || 3000, () => {
  console.log('listening');
});
