import { NextResponse } from "next/server";

export async function POST(request: Request) { // expect: RATE002
  const body = await request.json();
  return NextResponse.json({ created: body.email }, { status: 201 });
}
