import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { logger } from "hono/logger";

const app = new Hono(); // expect: LOG002
app.use(logger());

app.get("/", (c) => c.text("ok"));

serve({ fetch: app.fetch, port: 3000 });
