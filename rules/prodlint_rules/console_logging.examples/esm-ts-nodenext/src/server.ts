import express from "express";

const app = express();
const port = Number(process.env.PORT ?? 3000);

app.get("/orders/:id", async (req, res) => {
  const order = await findOrder(req.params.id);
  if (!order) {
    console.warn("order not found", req.params.id); // expect: LOG001
    res.status(404).end();
    return;
  }
  res.json(order);
});

app.listen(port, () => console.log("orders api listening on", port)); // expect: LOG001

declare function findOrder(id: string): Promise<{ id: string } | null>;
