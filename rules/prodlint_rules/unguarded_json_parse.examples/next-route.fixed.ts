import { headers } from "next/headers"

export async function POST(req: Request) {
  const raw = await req.text()
  let event: StripeEvent
  try {
    event = JSON.parse(raw)
  } catch {
    return Response.json({ error: "Invalid JSON" }, { status: 400 })
  } // expect: ERR005
  return Response.json(await handle(event))
}
