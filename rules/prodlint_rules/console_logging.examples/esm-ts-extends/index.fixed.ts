import express from "express";
import { logger } from "./logger.js";

const app = express();

app.get("/invoices", async (_req, res) => {
  const invoices = await listInvoices();
  logger.info({ invoicesLength: invoices.length }, "listed invoices"); // expect: LOG001
  res.json(invoices);
});

app.listen(4000);

declare function listInvoices(): Promise<unknown[]>;
