import Fastify from "fastify";

const app = Fastify({
  logger: process.env.NODE_ENV === "production" ? true : { transport: { target: "pino-pretty" } },
}); // ok: LOG002 (Fastify's logger logs each request)
await app.listen({ port: 3000 });
