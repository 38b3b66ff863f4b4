require('express-async-errors');
const express = require('express');

const app = express();
app.get('/users', async (req, res) => { // ok: ERR001
  res.json(await db.users.all());
});
