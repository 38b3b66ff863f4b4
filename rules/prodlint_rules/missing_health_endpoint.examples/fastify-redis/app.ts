import Fastify from 'fastify'
import { createClient } from 'redis'

const redis = createClient({ url: process.env.REDIS_URL })
const app = Fastify({ logger: true }) // expect: HLT001

app.get('/items', async () => redis.lRange('items', 0, -1))

await redis.connect()
await app.listen({ port: 3000 })
