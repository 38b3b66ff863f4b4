const fastify = require('fastify')();

fastify.get('/users', async (request, reply) => { // ok: ERR001
  return await db.users.all();
});
