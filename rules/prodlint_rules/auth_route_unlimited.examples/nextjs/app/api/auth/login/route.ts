import { NextResponse } from "next/server";
import { ratelimit } from "@/lib/ratelimit";

export async function POST(request: Request) { // ok: RATE002
  const ip = request.headers.get("x-forwarded-for") ?? "anonymous";
  const { success } = await ratelimit.limit(ip);
  if (!success) return NextResponse.json({ error: "Too many attempts" }, { status: 429 });
  return NextResponse.json({ ok: true });
}
