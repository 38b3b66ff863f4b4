import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono(); // expect: LOG002

app.get("/", (c) => c.text("ok"));

serve({ fetch: app.fetch, port: 3000 });
