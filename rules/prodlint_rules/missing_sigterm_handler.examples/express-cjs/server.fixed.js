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
const server = app.listen(process.env.PORT || 3000, () => {
  console.log('listening');
});

function shutdown(signal) {
  console.log(`${signal} received: closing the HTTP server`);
  server.close(async () => {
    await Promise.allSettled([pool.end()]);
    process.exit(0);
  });
  setTimeout(() => process.exit(1), 10_000).unref();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
