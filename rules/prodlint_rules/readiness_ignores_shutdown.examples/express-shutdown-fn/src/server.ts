import express from "express";

const app = express();

app.get("/health/ready", (_req, res) => res.send("ok")); // expect: HLT003

const server = app.listen(8080);

function shutdown(signal: string) {
  console.log(`${signal} received`);
  server.close(() => process.exit(0));
}

process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
