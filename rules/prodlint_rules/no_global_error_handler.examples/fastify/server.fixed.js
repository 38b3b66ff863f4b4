const fastify = require('fastify')({ logger: true }); // expect: ERR002

fastify.setErrorHandler((error, request, reply) => {
  request.log.error(error);
  const status = error.statusCode ?? 500;
  reply.status(status).send({ error: status < 500 ? error.message : 'Internal Server Error' });
});

fastify.get('/', async () => ({ ok: true }));
fastify.listen({ port: 3000 });
