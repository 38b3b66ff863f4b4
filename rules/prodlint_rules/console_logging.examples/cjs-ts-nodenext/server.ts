import express from "express";

// no "type": "module" in package.json: under NodeNext this file compiles to CommonJS, whose
// require() resolves the bare path
const app = express();

app.get("/stock/:sku", async (req, res) => {
  const stock = await stockOf(req.params.sku);
  console.debug("stock lookup", req.params.sku); // expect: LOG001
  res.json(stock);
});

app.listen(5000, () => {
  console.log("inventory up"); // expect: LOG001
});

declare function stockOf(sku: string): Promise<number>;
