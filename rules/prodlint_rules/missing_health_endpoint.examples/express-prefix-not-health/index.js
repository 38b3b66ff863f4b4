const express = require('express');
const users = require('./routes/users');

const app = express(); // expect: HLT001
app.use('/users', users);
app.listen(8080);
