import express from 'express';
import { errorHandler } from './middleware/errors.js';

const app = express(); // ok: ERR002
app.get('/', (req, res) => res.send('hi'));
app.use(errorHandler);

export default app;
