const fastify = require('fastify')({ logger: true }); // Fastify's default handler logs and answers JSON. ok: ERR002

fastify.get('/', async () => ({ ok: true }));
fastify.listen({ port: 3000 });
