const http = require('http');
const express = require('express');
const { createTerminus } = require('@godaddy/terminus');

const app = express();
const server = http.createServer(app);
createTerminus(server, { signals: ['SIGTERM'], healthChecks: { '/healthz': async () => 'ok' } });
server.listen(3000); // ok: SIG001
