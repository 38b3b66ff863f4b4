import express from 'express';
import api from './routes/api.mjs';

const app = express(); // ok: HLT001 (/api/v1/health through two routers)
app.use('/api', api);
app.listen(8080);
