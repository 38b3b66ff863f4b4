// The factory called straight from require() with logger on. ok: LOG002
const app = require('fastify')({ logger: true });

app.get('/items', async () => []);
app.listen({ port: 3000 });
