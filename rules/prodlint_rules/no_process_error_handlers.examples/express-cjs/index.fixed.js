'use strict';
const express = require('express');
const routes = require('./routes');

process.on('unhandledRejection', (reason) => {
  console.error('Unhandled promise rejection:', reason);
});

process.on('uncaughtException', (err) => {
  console.error('Uncaught exception:', err);
  process.exit(1);
});

const app = express();
app.use(routes);
app.listen(process.env.PORT); // expect: ERR003
