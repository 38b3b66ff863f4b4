import express from "express";
import { logger } from "./logger";

// tsup bundles this file: the bundler resolves bare relative imports, as tsconfig says
const app = express();

app.post("/webhooks", express.json(), (req, res) => {
  logger.info({ type: req.body.type }, "webhook received"); // expect: LOG001
  res.sendStatus(204);
});

app.listen(8080, () => logger.info("edge api on 8080")); // expect: LOG001
