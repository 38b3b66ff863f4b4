const express = require('express')

function createApp () {
  const app = express() // expect: RATE001
  app.use(express.json())
  app.delete('/api/items/:id', (req, res) => res.sendStatus(204))
  return app
}

module.exports = createApp
