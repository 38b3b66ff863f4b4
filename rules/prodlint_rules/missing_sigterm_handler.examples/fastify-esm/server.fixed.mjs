import Fastify from 'fastify'

const app = Fastify({ logger: true })

app.get('/', async () => ({ hello: 'world' }))

try {
  await app.listen({ port: 3000, host: '0.0.0.0' }) // expect: SIG001
} catch (err) {
  app.log.error(err)
  process.exit(1)
}

async function shutdown(signal) {
  app.log.info(`${signal} received: closing the server`)
  setTimeout(() => process.exit(1), 10_000).unref()
  await app.close()
  process.exit(0)
}

process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
