import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();

app.get("/readyz", (c) => c.text("ready")); // expect: HLT003

const server = serve({ fetch: app.fetch, port: 3000 });
process.on("SIGTERM", onSigterm);

function onSigterm() {
  server.close();
}
