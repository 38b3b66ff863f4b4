import { headers } from "next/headers"

export async function POST(req: Request) {
  const raw = await req.text()
  const event: StripeEvent = JSON.parse(raw) // expect: ERR005
  return Response.json(await handle(event))
}
