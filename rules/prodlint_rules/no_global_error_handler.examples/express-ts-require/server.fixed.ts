// express bound by require() is a value of type any in TypeScript: the handler's types come from import("express")
const express = require("express");

const app = express(); // expect: ERR002
app.use(express.json());
app.get("/orders", async (req: any, res: any) => {
  res.json(await listOrders(req.query.user));
});

app.use((err: any, req: import("express").Request, res: import("express").Response, next: import("express").NextFunction) => {
  console.error(err);
  if (res.headersSent) return next(err);
  const status = err.status || err.statusCode || 500;
  res.status(status).json({ error: status < 500 ? err.message : "Internal Server Error" });
});

app.listen(3000);

async function listOrders(user: string): Promise<string[]> {
  return [user];
}
