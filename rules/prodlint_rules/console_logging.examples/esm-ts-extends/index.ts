import express from "express";

const app = express();

app.get("/invoices", async (_req, res) => {
  const invoices = await listInvoices();
  console.log("listed invoices", invoices.length); // expect: LOG001
  res.json(invoices);
});

app.listen(4000);

declare function listInvoices(): Promise<unknown[]>;
