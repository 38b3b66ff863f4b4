import OpenAI from "openai";

const openai = new OpenAI();

// retrying when OpenAI itself answers 429 is not a limit on our clients
export async function POST(req: Request) { // expect: RATE003
  const body = await req.json();
  for (let attempt = 0; ; attempt++) {
    try {
      return Response.json(await openai.embeddings.create({ model: "text-embedding-3-small", input: body.text }));
    } catch (err: any) {
      if (err.status === 429 && attempt < 3) {
        await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
        continue;
      }
      throw err;
    }
  }
}
