import { NextRequest, NextResponse } from "next/server"

export async function POST(req: NextRequest) {
  let body
  try {
    body = await req.json()
  } catch {
    return Response.json({ error: "Invalid JSON" }, { status: 400 })
  } // expect: ERR005
  return NextResponse.json({ id: body.id })
}

export async function PUT(request: Request) {
  const { name } = await request.json() // expect: ERR005
  let data
  try {
    data = await request.json() // ok: ERR005
  } catch {
    return Response.json({ error: "Invalid JSON" }, { status: 400 })
  }
  const maybe = await request.json().catch(() => null) // ok: ERR005
  const res = await fetch("https://api.example.com/items")
  const items = await res.json() // ok: ERR005 (a response, not the request)
  const response = await fetch(`https://api.example.com/${name}`)
  return Response.json({ items, data, maybe, other: await response.json() }) // ok: ERR005
}
