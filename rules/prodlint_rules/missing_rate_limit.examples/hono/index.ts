import { Hono } from "hono";
import { serve } from "@hono/node-server";

const app = new Hono(); // expect: RATE001
app.post("/api/notes", async (c) => c.json(await c.req.json(), 201));
serve(app);
