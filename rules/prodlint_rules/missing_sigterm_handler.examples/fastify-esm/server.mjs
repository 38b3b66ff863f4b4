import Fastify from 'fastify'

const app = Fastify({ logger: true })

app.get('/', async () => ({ hello: 'world' }))

try {
  await app.listen({ port: 3000, host: '0.0.0.0' }) // expect: SIG001
} catch (err) {
  app.log.error(err)
  process.exit(1)
}
