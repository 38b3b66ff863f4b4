const Fastify = require("fastify");

const fastify = Fastify({ logger: true }); // expect: RATE001
fastify.post("/api/items", async (request) => request.body);
fastify.listen({ port: 3000 });
