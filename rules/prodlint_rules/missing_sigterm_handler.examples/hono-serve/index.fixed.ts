import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono()
app.get('/', (c) => c.text('ok'))

// expect: SIG001
const server = serve({ fetch: app.fetch, port: 3000 })

function shutdown(signal: string) {
  console.log(`${signal} received: closing the HTTP server`)
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(1), 10_000).unref()
}

process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
