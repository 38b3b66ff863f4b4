const fastify = require('fastify')({ logger: true }); // expect: ERR002

fastify.get('/', async () => ({ ok: true }));
fastify.listen({ port: 3000 });
