// express bound by require() is a value of type any in TypeScript: the handler's types come from import("express")
const express = require("express");

const app = express(); // expect: ERR002
app.use(express.json());
app.get("/orders", async (req: any, res: any) => {
  res.json(await listOrders(req.query.user));
});

app.listen(3000);

async function listOrders(user: string): Promise<string[]> {
  return [user];
}
