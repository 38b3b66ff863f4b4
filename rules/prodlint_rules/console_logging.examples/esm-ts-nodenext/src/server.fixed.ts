import express from "express";
import { logger } from "./logger.js";

const app = express();
const port = Number(process.env.PORT ?? 3000);

app.get("/orders/:id", async (req, res) => {
  const order = await findOrder(req.params.id);
  if (!order) {
    logger.warn({ id: req.params.id }, "order not found"); // expect: LOG001
    res.status(404).end();
    return;
  }
  res.json(order);
});

app.listen(port, () => logger.info({ port }, "orders api listening on")); // expect: LOG001

declare function findOrder(id: string): Promise<{ id: string } | null>;
