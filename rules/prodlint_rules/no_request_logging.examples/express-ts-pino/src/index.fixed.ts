import express from "express";
import pino from "pino";
import { pinoHttp } from "pino-http";

const logger = pino();
export const app = express(); // expect: LOG002
app.use(pinoHttp({ logger }));

app.get("/invoices", (_req, res) => {
  res.json([]);
});

app.listen(8080, () => logger.info("listening"));
