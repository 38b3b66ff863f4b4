import Fastify from 'fastify'

const app = Fastify()

app.post('/hooks', async (request, reply) => {
  // expect: ERR005
  const payload = JSON.parse(request.headers['x-payload'])
  return { ok: await store(payload) }
})
