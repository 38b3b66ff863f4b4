import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { openai } from "@/lib/openai";

const ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.fixedWindow(10, "60 s") });

export async function POST(req: Request) { // ok: RATE003
  const { success } = await ratelimit.limit(req.headers.get("x-forwarded-for") ?? "anon");
  if (!success) return new Response("Too many requests", { status: 429 });
  const completion = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: await req.json() });
  return Response.json(completion);
}
