import type { NextApiRequest, NextApiResponse } from "next";
import { LRUCache } from "lru-cache";
import { openai } from "@/lib/openai";

const hits = new LRUCache<string, number>({ max: 10_000, ttl: 60_000 });

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const ip = String(req.headers["x-forwarded-for"] ?? "anon");
  const count = (hits.get(ip) ?? 0) + 1;
  hits.set(ip, count);
  if (count > 5) {
    return res.status(429).json({ error: "Too many requests" });
  }
  const completion = await openai.chat.completions.create({ // ok: RATE003
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: `A slogan for ${req.body.product}` }],
  });
  res.status(200).json({ slogan: completion.choices[0].message.content });
}
