import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();


let shuttingDown = false;

app.get("/readyz", (c) => {
  if (shuttingDown) return c.json({ status: "shutting down" }, 503);
  return c.text("ready");
}); // expect: HLT003

const server = serve({ fetch: app.fetch, port: 3000 });
process.on("SIGTERM", onSigterm);

function onSigterm() {
  shuttingDown = true;
  server.close();
}
