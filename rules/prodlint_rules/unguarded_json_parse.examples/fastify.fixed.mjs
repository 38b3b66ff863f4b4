import Fastify from 'fastify'

const app = Fastify()

app.post('/hooks', async (request, reply) => {
  // expect: ERR005
  let payload
  try {
    payload = JSON.parse(request.headers['x-payload'])
  } catch {
    return reply.code(400).send({ error: 'Invalid JSON' })
  }
  return { ok: await store(payload) }
})
