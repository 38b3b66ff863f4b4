import OpenAI from "openai";

const openai = new OpenAI();

export async function POST(req: Request) { // expect: RATE003
  const { messages } = await req.json();
  const completion = await openai.chat.completions.create({ model: "gpt-4o-mini", messages });
  return Response.json(completion.choices[0].message);
}

export async function GET() { // ok: RATE003
  return Response.json({ models: ["gpt-4o-mini"] });
}
