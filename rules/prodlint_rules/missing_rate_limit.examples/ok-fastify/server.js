import Fastify from "fastify";
import rateLimit from "@fastify/rate-limit";

const app = Fastify(); // ok: RATE001
await app.register(rateLimit, { max: 100, timeWindow: "1 minute" });
app.post("/api/items", async (request) => request.body);
await app.listen({ port: 3000 });
