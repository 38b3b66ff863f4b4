import { Hono } from "hono"

const app = new Hono()

app.post("/orders", async (c) => {
  let order
  try {
    order = await c.req.json()
  } catch {
    return c.json({ error: "Invalid JSON" }, 400)
  } // expect: ERR005
  return c.json({ id: order.id }, 201)
})

export default app
