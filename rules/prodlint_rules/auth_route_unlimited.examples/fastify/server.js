const Fastify = require("fastify");

const fastify = Fastify({ logger: true });
fastify.register(require("@fastify/rate-limit"), { global: false });

fastify.post("/login", { config: { rateLimit: { max: 5, timeWindow: "1 minute" } } }, async () => ({ ok: true })); // ok: RATE002
fastify.post("/register", async () => ({ ok: true })); // expect: RATE002
fastify.route({ method: "POST", url: "/signin", config: { rateLimit: { max: 5 } }, handler: async () => ({}) }); // ok: RATE002

fastify.listen({ port: 3000 });
