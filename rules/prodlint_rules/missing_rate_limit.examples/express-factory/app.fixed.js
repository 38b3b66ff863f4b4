const express = require('express')
const { rateLimit } = require('express-rate-limit')

function createApp () {
  const app = express() // expect: RATE001

  const apiLimiter = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: 100,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    message: { error: 'Too many requests, please try again later.' },
  })
  app.use(apiLimiter)

  app.use(express.json())
  app.delete('/api/items/:id', (req, res) => res.sendStatus(204))
  return app
}

module.exports = createApp
