const express = require('express');

const app = express();
app.use(express.json());

app.post('/search', (req, res) => {
  const filter = JSON.parse(req.query.filter); // expect: ERR005
  res.json(find(filter));
});

app.post('/import', (req, res) => {
  try {
    const rows = JSON.parse(req.body.payload); // ok: ERR005
    res.json(save(rows));
  } catch (err) {
    res.status(400).json({ error: 'Invalid JSON' });
  }
});

app.get('/config', (req, res) => {
  const config = JSON.parse(fs.readFileSync('config.json', 'utf8')); // ok: ERR005
  res.json(config);
});
