import express from "express";

const app = express();


let shuttingDown = false;

app.get("/health/ready", (_req, res) => {
  if (shuttingDown) return res.status(503).json({ status: "shutting down" });
  return res.send("ok");
}); // expect: HLT003

const server = app.listen(8080);

function shutdown(signal: string) {
  shuttingDown = true;
  console.log(`${signal} received`);
  server.close(() => process.exit(0));
}

process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
