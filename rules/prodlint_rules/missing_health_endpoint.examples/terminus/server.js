const http = require('http');
const express = require('express');
const { createTerminus } = require('@godaddy/terminus');

const app = express(); // ok: HLT001
const server = http.createServer(app);
createTerminus(server, { signals: ['SIGTERM'], healthChecks: { '/live': async () => 'ok' } });
server.listen(3000);
