import { NextResponse, type NextRequest } from "next/server";

const ADMIN_TOKEN = process.env.ADMIN_TOKEN!; // expect: SEC002

export function middleware(req: NextRequest) {
  return req.headers.get("x-admin-token") === ADMIN_TOKEN ? NextResponse.next() : new NextResponse(null, { status: 401 });
}
