import OpenAI from "openai";

const openai = new OpenAI();

export async function POST(req: Request) { // ok: RATE003
  return Response.json(await openai.images.generate({ prompt: (await req.json()).prompt }));
}
