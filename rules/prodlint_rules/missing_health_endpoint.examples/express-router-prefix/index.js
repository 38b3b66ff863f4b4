const express = require('express');
const system = require('./routes/system');

const app = express(); // ok: HLT001
app.use('/api', system);
app.listen(8080);
