import { Hono } from "hono"

const app = new Hono()

app.post("/orders", async (c) => {
  const order = await c.req.json() // expect: ERR005
  return c.json({ id: order.id }, 201)
})

export default app
