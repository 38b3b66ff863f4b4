import { Hono } from "hono";
import { rateLimiter } from "hono-rate-limiter";

const app = new Hono(); // ok: RATE001
app.use(rateLimiter({ windowMs: 60_000, limit: 100, keyGenerator: (c) => c.req.header("x-forwarded-for") ?? "" }));
app.post("/api/notes", async (c) => c.json(await c.req.json(), 201));
export default app;
