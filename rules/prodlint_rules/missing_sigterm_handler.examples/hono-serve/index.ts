import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono()
app.get('/', (c) => c.text('ok'))

// expect: SIG001
serve({ fetch: app.fetch, port: 3000 })
