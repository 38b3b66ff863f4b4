import { Hono } from "hono";
import { serveStatic } from "hono/bun";

// a page and its static files; app.all() here serves any method of one file, it is not an API
const app = new Hono(); // ok: RATE001
app.all("/favicon.ico", serveStatic({ path: "./public/favicon.ico" }));
app.get("/", (c) => c.html("<h1>Hello</h1>"));

export default app;
