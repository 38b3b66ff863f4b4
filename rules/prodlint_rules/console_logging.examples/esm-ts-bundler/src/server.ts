import express from "express";

// tsup bundles this file: the bundler resolves bare relative imports, as tsconfig says
const app = express();

app.post("/webhooks", express.json(), (req, res) => {
  console.info("webhook received", req.body.type); // expect: LOG001
  res.sendStatus(204);
});

app.listen(8080, () => console.log("edge api on 8080")); // expect: LOG001
