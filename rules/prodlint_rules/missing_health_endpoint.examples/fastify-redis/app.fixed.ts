import Fastify from 'fastify'
import { createClient } from 'redis'

const redis = createClient({ url: process.env.REDIS_URL })
const app = Fastify({ logger: true }) // expect: HLT001

app.get('/healthz', async () => ({ status: 'ok', uptime: process.uptime() }))

app.get('/readyz', async (_request, reply) => {
  let check = 'redis'
  try {
    await redis.ping()
    return { status: 'ready' }
  } catch (err) {
    return reply.code(503).send({ status: 'unavailable', check })
  }
})

app.get('/items', async () => redis.lRange('items', 0, -1))

await redis.connect()
await app.listen({ port: 3000 })
