const express = require('express');
const { registerShutdown } = require('./lifecycle');

const app = express();
const server = app.listen(3000); // ok: SIG001
registerShutdown(server);
