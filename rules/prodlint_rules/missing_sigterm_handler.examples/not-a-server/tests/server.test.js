const express = require('express');

const app = express();
const server = app.listen(0); // ok: SIG001
afterAll(() => server.close());
