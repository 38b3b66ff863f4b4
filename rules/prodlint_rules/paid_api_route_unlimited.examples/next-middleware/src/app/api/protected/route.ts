import arcjet, { slidingWindow } from "@arcjet/next";
import OpenAI from "openai";

const aj = arcjet({ key: process.env.ARCJET_KEY!, rules: [slidingWindow({ mode: "LIVE", interval: 60, max: 10 })] });
const openai = new OpenAI();

export async function POST(req: Request) { // ok: RATE003
  const decision = await aj.protect(req);
  if (decision.isDenied()) return Response.json({ error: "Too many requests" }, { status: 429 });
  return Response.json(await openai.moderations.create({ input: (await req.json()).text }));
}
