import { NextResponse } from "next/server";

// expect: HOOK001
export async function POST(req: Request) {
  const event = await req.json();
  if (event.type === "checkout.session.completed") {
    await markPaid(event.data.object.id);
  }
  return NextResponse.json({ received: true });
}
