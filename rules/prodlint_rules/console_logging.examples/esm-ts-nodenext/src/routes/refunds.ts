import { Router } from "express";

export const refunds = Router();

refunds.post("/:id", async (req, res) => {
  try {
    res.json(await refund(req.params.id));
  } catch (err) {
    console.error("refund failed", err); // expect: LOG001
    res.status(502).json({ error: "refund failed" });
  }
});

declare function refund(id: string): Promise<{ id: string }>;
