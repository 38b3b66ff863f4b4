import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { NextResponse, type NextRequest } from "next/server";

const limiter = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(10, "1 m") });

export async function middleware(request: NextRequest) {
  const { success } = await limiter.limit(request.ip ?? "127.0.0.1");
  return success ? NextResponse.next() : new NextResponse("Too many requests", { status: 429 });
}

export const config = { matcher: "/api/:path*" };
