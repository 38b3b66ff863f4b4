import { Router } from "express";
import { logger } from "../lib/logger";

export const orders = Router();

orders.post("/:id/pay", async (req, res) => {
  try {
    const order = await pay(req.params.id);
    logger.info({ orderId: order.id, orderTotal: order.total }, "order paid"); // expect: LOG001
    res.json(order);
  } catch (err) {
    logger.error(err); // expect: LOG001
    res.status(502).json({ error: "payment failed" });
  }
});

declare function pay(id: string): Promise<{ id: string; total: number }>;
